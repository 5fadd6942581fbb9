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
  it('folds header keys to letters and digits', () => {
    expect(foldKey('Mã số BHXH')).toBe('masobhxh');
    expect(foldKey('CMND/CCCD')).toBe('cmndcccd');
  });
});
