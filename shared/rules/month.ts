/** Month helpers: forms write months as `MM/yyyy`; rule tables use ISO dates `yyyy-mm-dd`. */

/** "10/2015" → "2015-10", or null when not a real month. */
export function isoMonth(mmYyyy: string): string | null {
  const m = /^(\d{2})\/(\d{4})$/.exec(mmYyyy.trim());
  if (!m) return null;
  const mm = Number(m[1]);
  if (mm < 1 || mm > 12) return null;
  return `${m[2]}-${m[1]}`;
}

/** "2015-10" → "10/2015". */
export function mmYyyy(iso: string): string {
  return `${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Months between two ISO months (b − a). */
export function monthDiff(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + (Number(b.slice(5, 7)) - Number(a.slice(5, 7)));
}
