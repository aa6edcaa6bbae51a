/**
 * The CSV download, built in the browser from the same tables the page shows (so from the same
 * answer: no second request, no second formatting of the figures on the server). One line per
 * figure: table, row, column, value. Values are the API's own numbers, unformatted (shares as
 * fractions, days with their decimals, a point as decimal separator); empty where the page shows —.
 */
import type { StatisticsTable } from './statistics-tables';

function field(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function statisticsCsv(tables: readonly StatisticsTable[], header: readonly string[]): string {
  const lines = [header.map(field).join(',')];
  for (const table of tables) {
    for (const row of table.rows) {
      row.cells.forEach((cell, index) => {
        const column = table.columns[index] ?? '';
        lines.push(
          [table.caption, row.label, column, cell.value === undefined ? '' : String(cell.value)]
            .map(field)
            .join(','),
        );
      });
    }
  }
  // A byte order mark, so spreadsheet programs read the accents as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Hands the CSV to the browser as a file download. */
export function downloadCsv(csv: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
