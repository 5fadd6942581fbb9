import { describe, expect, it } from 'vitest';
import { PackedStrings } from '../../../electron/roster/packed-strings';

describe('PackedStrings: the shared-strings table kept one string per block', () => {
  it('gives back every entry as pushed, across blocks, empty and long ones included', () => {
    const list = new PackedStrings();
    const entries = Array.from({ length: 10_000 }, (_, i) =>
      i % 7 === 0 ? '' : i % 11 === 0 ? 'Nguyễn Thị Minh Khai '.repeat(40) : `Người ${i} – Đ${i * 31}`,
    );
    for (let i = 0; i < entries.length; i++) {
      list.push(entries[i]!);
      // Readable as soon as pushed (the sheet asks for a string as its table grows).
      expect(list.at(i)).toBe(entries[i]);
    }
    expect(list.length).toBe(10_000);
    for (let i = 0; i < entries.length; i++) expect(list.at(i)).toBe(entries[i]);
  });

  it('has no entry past its end, before its start or between two', () => {
    const list = new PackedStrings();
    list.push('a');
    list.push('b');
    for (const i of [2, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(list.at(i)).toBeUndefined();
  });
});
