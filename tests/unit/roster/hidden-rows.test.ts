import { describe, expect, it } from 'vitest';
import { hiddenRowsSubject } from '../../../electron/roster/hidden-rows';

describe('hiddenRowsSubject: the rows a hidden-rows warning names', () => {
  it('one row is "this row"; up to ten are listed; past ten the first ten are listed and all counted', () => {
    expect(hiddenRowsSubject([7], 1)).toEqual({ vi: 'dòng này', en: 'this row is' });
    expect(hiddenRowsSubject([3, 4], 2)).toEqual({ vi: 'các dòng 3, 4', en: 'rows 3, 4 are' });
    const ten = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    expect(hiddenRowsSubject(ten, 10).vi).toBe('các dòng 2, 3, 4, 5, 6, 7, 8, 9, 10, 11');
    expect(hiddenRowsSubject(ten, 11)).toEqual({
      vi: 'các dòng 2, 3, 4, 5, 6, 7, 8, 9, 10, 11… (11 dòng)',
      en: 'rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11… (11 rows) are',
    });
    // Given every row (the VNPT reader keeps them all), only the first ten are listed.
    const many = Array.from({ length: 1500 }, (_, i) => i + 4);
    expect(hiddenRowsSubject(many, many.length).vi).toBe('các dòng 4, 5, 6, 7, 8, 9, 10, 11, 12, 13… (1.500 dòng)');
  });
});
