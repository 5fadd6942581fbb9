import type { EmployeeFields } from '../../shared/contract/roster';

type Identifiers = Pick<EmployeeFields, 'insuranceNumber' | 'cccd'>;

/** No two different mã số and no two different CCCD: the two may be one person. */
export function identifiersAgree(a: Identifiers, b: Identifiers): boolean {
  return (
    (!a.insuranceNumber || !b.insuranceNumber || a.insuranceNumber === b.insuranceNumber) &&
    (!a.cccd || !b.cccd || a.cccd === b.cccd)
  );
}

/** A row with at most one identifier, as `SeenPersons` remembers it. */
interface PartialRow extends Identifiers {
  row: number;
}

/**
 * The rows an import has read, by name (letter case aside), birth date and gender: what tells the same person twice
 * in one file when no identifier does (ImportPlanner.twinInFile). Rows that share a mã số or CCCD never come here
 * (the import's duplicate maps refuse them first), so a row with both identifiers can only be the same person as a
 * row with none, and needs no identifiers kept. Every row is remembered, so a 50,000-row file pays for each: a string
 * key and an object per row held ~20 MB at the peak, over issue #11's 150 MB. A row is kept as a 53-bit hash of its
 * key instead (two different people of n rows share one with a chance of n² / 2^54 — for 50,000 rows, 1 in 7
 * million files; the row is then refused naming the other, nothing is lost), with its row number, and the identifiers of the few rows that lack one.
 */
export class SeenPersons {
  /** Key hash → the first row with both identifiers. */
  private readonly complete = new Map<number, number>();
  /** Key hash → the rows with at most one identifier. */
  private readonly partial = new Map<number, PartialRow[]>();

  /**
   * Remembers row `row` of person `e`, and returns the row number of an earlier row of the same person whose
   * identifiers agree with `e`'s, if any.
   */
  note(e: EmployeeFields, row: number): number | undefined {
    const hash = personHash(e);
    const both = !!e.insuranceNumber && !!e.cccd;
    const none = !e.insuranceNumber && !e.cccd;
    // Called for every row of a file: a row with both identifiers costs one Map write (the latest such row is the
    // one named), and the partial rows, usually none, are looked up only when there are some.
    const partial = this.partial.size ? this.partial.get(hash) : undefined;
    let twin = none ? this.complete.get(hash) : undefined;
    if (twin === undefined && partial) twin = partial.find((p) => identifiersAgree(p, e))?.row;
    if (both) this.complete.set(hash, row);
    else {
      const seen: PartialRow = { row, insuranceNumber: e.insuranceNumber, cccd: e.cccd };
      if (partial) partial.push(seen);
      else this.partial.set(hash, [seen]);
    }
    return twin;
  }
}

/** Lower-case code units, filled as met (letters outside ASCII: Vietnamese capitals with their marks, Đ). */
const LOWER = new Uint16Array(65536);

function lower(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  return (LOWER[c] ||= String.fromCharCode(c).toLowerCase().charCodeAt(0));
}

/**
 * cyrb53 (a public-domain string hash) of name (letter case aside), birth date and gender, read in place: no key
 * string and no lower-cased copy is made for each row.
 */
function personHash(e: EmployeeFields): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const name = e.fullName;
  for (let i = 0; i < name.length; i++) {
    const c = lower(name.charCodeAt(i));
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  // Then a separator, the birth date, a separator and the gender: mixed as code units 1, date…, 1, gender.
  const date = e.birthDate;
  for (let i = -1; i <= date.length; i++) {
    const c = i < 0 || i === date.length ? 1 : date.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  const g = e.gender.charCodeAt(0);
  h1 = Math.imul(h1 ^ g, 2654435761);
  h2 = Math.imul(h2 ^ g, 1597334677);
  const a = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const b = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}
