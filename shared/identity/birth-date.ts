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
  // Fast path for "dd/mm/yyyy" (nearly every cell of an import), read without a regex; same result as below.
  if (s.length === 10 && s.charCodeAt(2) === 47 && s.charCodeAt(5) === 47) {
    const day = digits(s, 0, 2),
      month = digits(s, 3, 5),
      year = digits(s, 6, 10);
    if (day >= 0 && month >= 0 && year >= 0) return dayMonthYear(day, month, year);
  }
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return dayMonthYear(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const month = +m[1]!,
      year = +m[2]!;
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

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A real calendar day (proleptic Gregorian, as JavaScript's Date counts), checked by arithmetic rather than a Date
 * per call. Years 0–99 are rejected, as `Date.UTC` would read them as 1900–1999.
 */
function dayMonthYear(day: number, month: number, year: number): BirthDate | null {
  if (year < 100 || month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return null;
  return { text: `${pad(day)}/${pad(month)}/${year}`, year, month, day };
}

/** The decimal value of s[from, to) when it is all ASCII digits, else -1. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
