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
    const partial = this.partial.get(hash);
    let twin = none ? this.complete.get(hash) : undefined;
    if (twin === undefined && partial) twin = partial.find((p) => identifiersAgree(p, e))?.row;
    if (both) {
      if (!this.complete.has(hash)) this.complete.set(hash, row);
    } else {
      const seen: PartialRow = { row, insuranceNumber: e.insuranceNumber, cccd: e.cccd };
      if (partial) partial.push(seen);
      else this.partial.set(hash, [seen]);
    }
    return twin;
  }
}

/** The hashes' running state (module-level: no closure made per row). */
let h1 = 0;
let h2 = 0;

function feed(c: number): void {
  h1 = Math.imul(h1 ^ c, 2654435761);
  h2 = Math.imul(h2 ^ c, 1597334677);
}

function feedText(s: string): void {
  for (let i = 0; i < s.length; i++) feed(s.charCodeAt(i));
}

/** cyrb53 (a public-domain string hash) of name (lower case), birth date and gender, read in place. */
function personHash(e: EmployeeFields): number {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  feedText(e.fullName.toLowerCase());
  feed(1);
  feedText(e.birthDate);
  feed(1);
  feedText(e.gender);
  const a = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const b = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}
