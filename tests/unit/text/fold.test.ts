import { describe, expect, it } from 'vitest';
import { cleanText, foldForSearch, foldKey, toNfc } from '../../../shared/text';

describe('folding and normalisation', () => {
  it('folds diacritics and case, đ → d', () => {
    expect(foldForSearch('Nguyễn Văn A')).toBe('nguyen van a');
    expect(foldForSearch('ĐẶNG Thị Đào')).toBe('dang thi dao');
    expect(foldForSearch('Trương  Quốc   Khánh')).toBe('truong quoc khanh');
  });
  it('folds NFD input the same as NFC', () => {
    const nfd = 'Nguyễn Thị Ánh'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Ánh');
    expect(foldForSearch(nfd)).toBe('nguyen thi anh');
    expect(toNfc(nfd)).toBe('Nguyễn Thị Ánh');
    expect(cleanText(`  ${nfd}\u00a0 `)).toBe('Nguyễn Thị Ánh');
  });
  it('tidies every kind of white space and leaves tidy text as it is (the fast path changes nothing)', () => {
    // The rule, written plainly: NFC, runs of white space (JavaScript's \s) → one space, trimmed.
    const plain = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
    const spaces = [' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028', ' \u00a0 '];
    for (const name of ['Lê Văn Tám', 'Tran Van A', 'Nguyễn Thị Ánh'.normalize('NFD'), 'Đỗ']) {
      expect(cleanText(name)).toBe(plain(name));
      for (const sp of spaces) {
        for (const s of [sp + name, name + sp, name.replace(' ', sp), `${sp}${name.replace(/ /g, sp)}${sp}`])
          expect(cleanText(s), JSON.stringify(s)).toBe(plain(s));
      }
    }
  });
  it('folds header keys to letters and digits', () => {
    expect(foldKey('Mã số BHXH')).toBe('masobhxh');
    expect(foldKey('CMND/CCCD')).toBe('cmndcccd');
  });
});
