/** Entries joined into one string at a time. */
const BLOCK = 4096;

/**
 * A growing list of strings kept as one string per block of 4,096 entries plus their end offsets, instead of one
 * string object per entry: the 117,000 shared strings of a 50,000-row sheet as ~30 strings. With the table on the
 * parsing thread, this and SeenIdentifiers took the import's dry-run peak from 143–148 MB back to 134–135 MB
 * (docs/DEVELOPING.md › Spreadsheets). Reading an entry makes a slice of its block (a short-lived string per cell).
 */
export class PackedStrings {
  private readonly blocks: string[] = [];
  /** The entries of the block being filled, as they came. */
  private current: string[] = [];
  /** End offset of each entry in its block. */
  private ends = new Int32Array(BLOCK);
  length = 0;

  push(s: string): void {
    const i = this.length;
    if (i === this.ends.length) {
      const grown = new Int32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[i] = (i % BLOCK === 0 ? 0 : this.ends[i - 1]!) + s.length;
    this.current.push(s);
    this.length++;
    if (this.current.length === BLOCK) {
      this.blocks.push(this.current.join(''));
      this.current = [];
    }
  }

  /** Entry `i`, or undefined past the end. */
  at(i: number): string | undefined {
    if (!(i >= 0 && i < this.length) || !Number.isInteger(i)) return undefined;
    const block = Math.floor(i / BLOCK);
    if (block === this.blocks.length) return this.current[i % BLOCK];
    return this.blocks[block]!.slice(i % BLOCK === 0 ? 0 : this.ends[i - 1], this.ends[i]);
  }
}
