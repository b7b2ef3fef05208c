/**
 * CSV as French spreadsheet software opens it: `;` separated, UTF-8 with a byte order mark, CRLF line ends,
 * dates dd/mm/yyyy. Cells that a spreadsheet would run as a formula are neutralised (CSV injection).
 */
export const BOM = '\uFEFF';

export function csvDocument(header: readonly string[], rows: Iterable<readonly (string | number | null)[]>): string {
  const lines = [header.map(cell).join(';')];
  for (const row of rows) lines.push(row.map(cell).join(';'));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `2011-03-04` or a Date → `04/03/2011` (a Date is read in Europe/Paris, the schools' time zone). */
export function frenchDate(value: string | Date | null): string {
  if (value === null) return '';
  if (typeof value === 'string') {
    const [y, m, d] = value.slice(0, 10).split('-');
    return `${d}/${m}/${y}`;
  }
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(value);
}
