/**
 * The journal read back after a crash: every whole record, a torn tail cut off, and a long
 * journal opened in time linear in its size (a restart after weeks of executions must not hang).
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Journal } from '../../local/sfn/journal';

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-journal-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('Journal.open', () => {
  it('keeps whole records (multi-byte text too) and cuts a torn tail at the right byte', async () => {
    const dir = fresh();
    const path = join(dir, 'journal.jsonl');
    writeFileSync(path, `${JSON.stringify({ v: 'é€😀' })}\n${JSON.stringify({ v: 'ñ' })}\n{"v":"tor`);
    const journal = await Journal.open(dir, 'fsync');
    expect(journal.recovered).toEqual([{ v: 'é€😀' }, { v: 'ñ' }]);
    await journal.append({ v: 'next' });
    await journal.close();
    const reopened = await Journal.open(dir, 'fsync');
    expect(reopened.recovered).toEqual([{ v: 'é€😀' }, { v: 'ñ' }, { v: 'next' }]);
    await reopened.close();
    expect(readFileSync(path, 'utf8').endsWith('{"v":"next"}\n')).toBe(true);
  });

  it('opens a journal of 60,000 records in well under a few seconds', async () => {
    const dir = fresh();
    const line = `${JSON.stringify({ r: 'note', x: 'arn:execution', k: 'key', v: 'é'.repeat(100) })}\n`;
    appendFileSync(join(dir, 'journal.jsonl'), line.repeat(60_000));
    const started = Date.now();
    const journal = await Journal.open(dir, 'fsync');
    const elapsed = Date.now() - started;
    await journal.close();
    expect(journal.recovered).toHaveLength(60_000);
    expect(elapsed).toBeLessThan(5_000);
  });
});

describe('Journal after close', () => {
  it('records nothing more and neither resolves nor rejects: late work stops at its last durable state', async () => {
    const dir = fresh();
    const journal = await Journal.open(dir, 'fsync');
    await journal.append({ r: 'kept' });
    await journal.close();
    let settled: string | undefined;
    journal.append({ r: 'late' }).then(
      () => {
        settled = 'resolved';
      },
      () => {
        settled = 'rejected';
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBeUndefined();
    expect((await Journal.open(dir, 'fsync')).recovered).toEqual([{ r: 'kept' }]);
  });
});
