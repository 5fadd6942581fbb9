/**
 * Birth dates as the BHXH forms allow them: dd/mm/yyyy, or mm/yyyy, or yyyy alone when only the year is known
 * (D02-TS `NgaySinh` "dd/MM/yyyy (or yyyy)", bhxh-domain.md §1.3). Single-digit day/month are padded.
 */
export interface BirthDate {
  /** Normalised text: "05/03/1990", "03/1990" or "1990". */
  text: string;
  year: number;
  month?: number;
  day?: number;
}

export function parseBirthDate(input: string): BirthDate | null {
  const s = input.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const day = +m[1]!, month = +m[2]!, year = +m[3]!;
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
    return { text: `${pad(day)}/${pad(month)}/${year}`, year, month, day };
  }
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const month = +m[1]!, year = +m[2]!;
    if (month < 1 || month > 12) return null;
    return { text: `${pad(month)}/${year}`, year, month };
  }
  m = /^(\d{4})$/.exec(s);
  if (m) return { text: m[1]!, year: +m[1]! };
  return null;
}

/** A full calendar date dd/mm/yyyy (contract dates), normalised, or null. */
export function parseFullDate(input: string): { text: string; iso: string } | null {
  const b = parseBirthDate(input);
  if (!b || b.day === undefined) return null;
  return { text: b.text, iso: `${b.year}-${pad(b.month!)}-${pad(b.day)}` };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
