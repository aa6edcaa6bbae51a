/**
 * The disclosure tables of docs/domain.md, read from the document itself, so that the tests check
 * the API against what the document promises (and the document cannot drift from the code).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DISCLOSURE_PROFILES, type DisclosureProfile } from '../../shared/contracts/case';

/** The table's columns: every profile but `none`, which sees nothing. */
export type TableProfile = Exclude<DisclosureProfile, 'none'>;
export const TABLE_PROFILES = DISCLOSURE_PROFILES.filter(
  (profile): profile is TableProfile => profile !== 'none',
);

export interface DisclosureRow {
  readonly field: string;
  readonly seenBy: ReadonlySet<TableProfile>;
}

/** The rows of the table that follows `heading` (a line of the document) in docs/domain.md. */
function tableAfter(lines: readonly string[], heading: string): DisclosureRow[] {
  const start = lines.findIndex((line) => line.startsWith(heading));
  if (start < 0) throw new Error(`docs/domain.md has no line starting "${heading}"`);
  const header = lines.findIndex((line, i) => i > start && line.startsWith('| field'));
  const columns = (lines[header] as string).split('|').map((cell) => cell.trim());
  const rows: DisclosureRow[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').map((cell) => cell.trim());
    const field = (cells[1] as string).replace(/`/g, '');
    const seenBy = new Set(TABLE_PROFILES.filter((profile) => cells[columns.indexOf(profile)] === '✓'));
    rows.push({ field, seenBy });
  }
  return rows;
}

export function disclosureTables(): { readonly request: DisclosureRow[]; readonly rest: DisclosureRow[] } {
  const lines = readFileSync(join(__dirname, '..', '..', 'docs', 'domain.md'), 'utf8').split('\n');
  return {
    request: tableAfter(lines, 'What each profile sees of the request'),
    rest: tableAfter(lines, 'And of the rest of the case'),
  };
}

/** The value at a dotted path, or undefined. */
export function valueAt(source: unknown, path: string): unknown {
  let value = source;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
