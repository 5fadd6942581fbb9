import type { EmployeeFields } from '../../shared/contract/roster';

type Identifiers = Pick<EmployeeFields, 'insuranceNumber' | 'cccd'>;

/** No two different mã số and no two different CCCD: the two may be one person. */
export function identifiersAgree(a: Identifiers, b: Identifiers): boolean {
  return (
    (!a.insuranceNumber || !b.insuranceNumber || a.insuranceNumber === b.insuranceNumber) &&
    (!a.cccd || !b.cccd || a.cccd === b.cccd)
  );
}

/**
 * Who a person without identifiers is: name (NFC, already cleaned; letter case aside), birth date as normalised,
 * gender. The import matches file rows to roster employees by it, the employee form asks before adding a second one.
 */
export function personKey(e: Pick<EmployeeFields, 'fullName' | 'birthDate' | 'gender'>): string {
  return `${e.fullName.toLowerCase()}|${e.birthDate}|${e.gender}`;
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
  /** Key hash → the latest row with both identifiers (a typed table: no object or number box per row). */
  private readonly complete = new RowsByHash();
  /** Key hash → the rows with at most one identifier. */
  private readonly partial = new Map<number, PartialRow[]>();

  /**
   * Remembers row `row` of person `e`, and returns the row number of an earlier row of the same person whose
   * identifiers agree with `e`'s, if any.
   */
  note(e: EmployeeFields, row: number): number | undefined {
    personHash(e);
    const both = !!e.insuranceNumber && !!e.cccd;
    const none = !e.insuranceNumber && !e.cccd;
    // Called for every row of a file: a row with both identifiers costs one table write (the latest such row is
    // the one named), and the partial rows, usually none, are looked up only when there are some.
    const partial = this.partial.size ? this.partial.get(HASH_HIGH * 4294967296 + HASH_LOW) : undefined;
    let twin = none ? this.complete.get(HASH_HIGH, HASH_LOW) : undefined;
    if (twin === undefined && partial) twin = partial.find((p) => identifiersAgree(p, e))?.row;
    if (both) this.complete.set(HASH_HIGH, HASH_LOW, row);
    else {
      const seen: PartialRow = { row, insuranceNumber: e.insuranceNumber, cccd: e.cccd };
      if (partial) partial.push(seen);
      else this.partial.set(HASH_HIGH * 4294967296 + HASH_LOW, [seen]);
    }
    return twin;
  }
}

/** Identifiers up to this many digits are kept as numbers: 13 digits and their length fit in 53 bits exactly. */
const MAX_NUMERIC_DIGITS = 13;
const DIGITS = /^\d+$/;

/**
 * The first row that gave each identifier (a mã số or a CCCD) in one file, for the import's "repeats row N" check.
 * Every row of a 50,000-row file is remembered: a Map with a string key per row held ~3 MB for each identifier at
 * the import's peak (issue #11's 150 MB), and the key strings are the only copy once the parsing thread has the
 * table of shared strings. Identifiers of digits only — all valid ones — are kept exactly as numbers (value and
 * length, so "0123" and "123" stay apart) in a typed table; anything else, in a Map.
 */
export class SeenIdentifiers {
  private readonly numeric = new RowsByHash();
  private readonly other = new Map<string, number>();

  /** The first row that gave `id`; undefined, and `row` remembered as that row, when none did. */
  first(id: string, row: number): number | undefined {
    if (id.length > MAX_NUMERIC_DIGITS || !DIGITS.test(id)) {
      const seen = this.other.get(id);
      if (seen === undefined) this.other.set(id, row);
      return seen;
    }
    const key = Number(id) * 16 + id.length;
    const high = Math.floor(key / 4294967296);
    // The table starts probing at the low bits, which here are the length and the last digits: mixed by murmur3's
    // finaliser (a bijection of 32-bit values, so the key stays exact) they spread over the table.
    let low = key >>> 0;
    low = Math.imul(low ^ (low >>> 16), 0x85ebca6b);
    low = Math.imul(low ^ (low >>> 13), 0xc2b2ae35);
    low = (low ^ (low >>> 16)) >>> 0;
    const seen = this.numeric.get(high, low);
    if (seen === undefined) this.numeric.set(high, low, row);
    return seen;
  }
}

/**
 * Row numbers by 53-bit hash (high 21 bits, low 32 bits), open addressing with linear probing in typed arrays, at
 * most half full. A Map keyed by those hashes boxed each key (53 bits is no small integer) and cost a 50,000-row
 * import ~3 MB and ~40 ms of its main thread; this table holds 12 bytes a slot.
 */
class RowsByHash {
  /** high + 1 (0 = an empty slot), low, row. */
  private high = new Uint32Array(1024);
  private low = new Uint32Array(1024);
  private rows = new Int32Array(1024);
  private size = 0;

  get(high: number, low: number): number | undefined {
    const mask = this.high.length - 1;
    for (let i = low & mask; this.high[i] !== 0; i = (i + 1) & mask)
      if (this.high[i] === high + 1 && this.low[i] === low) return this.rows[i];
    return undefined;
  }

  set(high: number, low: number, row: number): void {
    const mask = this.high.length - 1;
    let i = low & mask;
    for (; this.high[i] !== 0; i = (i + 1) & mask)
      if (this.high[i] === high + 1 && this.low[i] === low) {
        this.rows[i] = row;
        return;
      }
    this.high[i] = high + 1;
    this.low[i] = low;
    this.rows[i] = row;
    if (++this.size * 2 > this.high.length) this.grow();
  }

  private grow(): void {
    const { high, low, rows } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(high.length * 2);
    this.rows = new Int32Array(high.length * 2);
    this.size = 0;
    for (let i = 0; i < high.length; i++) if (high[i] !== 0) this.set(high[i]! - 1, low[i]!, rows[i]!);
  }
}

/** Lower-case code units, filled as met (letters outside ASCII: Vietnamese capitals with their marks, Đ). */
const LOWER = new Uint16Array(65536);

function lower(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  return (LOWER[c] ||= String.fromCharCode(c).toLowerCase().charCodeAt(0));
}

let HASH_HIGH = 0;
let HASH_LOW = 0;

/**
 * cyrb53 (a public-domain string hash) of name (letter case aside), birth date and gender, read in place: no key
 * string and no lower-cased copy is made for each row. The 53 bits are left in HASH_HIGH (21) and HASH_LOW (32), so
 * no number is boxed per row.
 */
function personHash(e: EmployeeFields): void {
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
  HASH_HIGH = 2097151 & b;
  HASH_LOW = a >>> 0;
}
