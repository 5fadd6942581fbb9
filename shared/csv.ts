/**
 * CSV as Excel on a Vietnamese Windows opens it: UTF-8 with BOM, `;` separators (the list separator where the
 * decimal mark is a comma), CRLF line ends. One writer for every CSV the app exports (audit log, period index).
 */
export function csvCell(v: string): string {
  // Formula injection: a cell starting with = + - @ would run in Excel (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Header and rows → the whole file text, BOM first. */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return '\ufeff' + [header, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n';
}
