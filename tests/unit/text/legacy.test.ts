import { describe, expect, it } from 'vitest';
import { decodeTcvn3, decodeVni, detectLegacyEncoding, isVietnameseSyllable, toUnicode } from '../../../shared/text';

// Real strings as they look when a .VnTime (TCVN3) or VNI-Times cell is read as Unicode text.
const TCVN3: [string, string][] = [
  ['NguyÔn V¨n §øc', 'Nguyễn Văn Đức'],
  ['Lª ThÞ Hång Nhung', 'Lê Thị Hồng Nhung'],
  ['Tr\u00ad¬ng Quèc Kh¸nh', 'Trương Quốc Khánh'],
  ['Hå ChÝ Minh', 'Hồ Chí Minh'],
  ['C«ng nh©n may', 'Công nhân may'],
  ['Ph\u00adêng BÕn NghÐ', 'Phường Bến Nghé'],
  ['§ång Nai', 'Đồng Nai'],
];
const VNI: [string, string][] = [
  ['Nguyeãn Vaên Ñöùc', 'Nguyễn Văn Đức'],
  ['Leâ Thò Hoàng Nhung', 'Lê Thị Hồng Nhung'],
  ['Tröông Quoác Khaùnh', 'Trương Quốc Khánh'],
  ['Coâng nhaân may', 'Công nhân may'],
  ['Phöôøng Beán Ngheù', 'Phường Bến Nghé'],
  ['Ñoàng Nai', 'Đồng Nai'],
  ['Nguyeãn Thò AÙnh Tuyeát', 'Nguyễn Thị Ánh Tuyết'],
];

describe('TCVN3 (ABC) and VNI decoding', () => {
  it.each(TCVN3)('TCVN3 %s → %s', (legacy, unicode) => {
    expect(decodeTcvn3(legacy)).toBe(unicode);
    expect(toUnicode(legacy)).toEqual({ text: unicode, encoding: 'tcvn3' });
  });
  it.each(VNI)('VNI %s → %s', (legacy, unicode) => {
    expect(decodeVni(legacy)).toBe(unicode);
    expect(toUnicode(legacy)).toEqual({ text: unicode, encoding: 'vni' });
  });
  it('restores capitals typed in a TCVN3 capitals font (.VnTimeH)', () => {
    expect(decodeTcvn3('NGUYÔN V¡N A')).toBe('NGUYỄN VĂN A');
  });
  it('leaves Unicode, ASCII and foreign Latin-1 names alone', () => {
    for (const s of ['Nguyễn Văn A', 'Nguyen Van A', 'José García', 'Pierre Müller', 'Hoà']) {
      expect(toUnicode(s).encoding).toBe('unicode');
      expect(toUnicode(s).text).toBe(s);
    }
  });
  it('decides a whole column when single cells are ambiguous', () => {
    // "Vò Quèc Nam" is valid as written and also TCVN3 for "Vũ Quốc Nam".
    expect(detectLegacyEncoding('Vò Quèc Nam')).toBe('unicode');
    const column = ['Vò Quèc Nam', 'NguyÔn V¨n §øc', 'Lª ThÞ Hång Nhung', 'Tr\u00ad¬ng Quèc Kh¸nh'];
    expect(detectLegacyEncoding(column)).toBe('tcvn3');
    expect(toUnicode('Vò Quèc Nam', 'tcvn3').text).toBe('Vũ Quốc Nam');
    expect(detectLegacyEncoding(['Hoà Thu Dung', 'Nguyeãn Vaên Ñöùc', 'Phöôøng Beán Ngheù'])).toBe('vni');
  });
  it('outputs NFC', () => {
    const r = toUnicode('Nguyeãn');
    expect(r.text).toBe(r.text.normalize('NFC'));
    expect(r.text.length).toBe(6);
  });
  it('syllable check rejects impossible clusters from a wrong decoding', () => {
    expect(isVietnameseSyllable('Nguyễn')).toBe(true);
    expect(isVietnameseSyllable('khuyết')).toBe(true);
    expect(isVietnameseSyllable('Nguyeón')).toBe(false);
    expect(isVietnameseSyllable('Vaờn')).toBe(false);
  });
});
