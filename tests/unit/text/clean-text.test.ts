import { describe, expect, it } from 'vitest';
import { cleanText, HAS_COMBINING } from '../../../shared/text/normalize';

/** cleanText as it was written before its one-scan fast path: every step applied to every text. */
function reference(s: string): string {
  s = s.replace(/[\u200b-\u200d\u2060]/g, '');
  const nfc = HAS_COMBINING.test(s) ? s.normalize('NFC') : s;
  return /[^\S ]| {2}|^ | $/.test(nfc) ? nfc.replace(/\s+/g, ' ').trim() : nfc;
}

describe('cleanText', () => {
  const samples = [
    '',
    'Nguyễn Văn An',
    'Nguyễn Văn An'.normalize('NFD'),
    ' Nguyễn Văn An',
    'Nguyễn Văn An ',
    'Nguyễn  Văn An',
    'Nguyễn\tVăn\nAn',
    'Nguyễn\u00a0Văn',
    'Nguyễn\u200bVăn',
    'Nguyễn \u200b Văn',
    '\u2060An',
    'An\ufeff',
    'An\u3000Bình',
    'An\u2028Bình',
    'An\u1680Bình',
    'An\u202fBình',
    'An\u205fBình',
    'An\u2009Bình',
    'x\u0301',
    'x\u1dc0',
    'x\u20d0',
    'x\ufe20',
    '0123456789',
    '\u0001control\u007f',
    'a b c',
    ' ',
    '  ',
    '\u200b',
    'Ω Å ﬁ',
  ];

  it('changes exactly what every step applied to every text changes', () => {
    for (const s of samples) expect(cleanText(s), JSON.stringify(s)).toBe(reference(s));
    // Every BMP character, alone and between letters.
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}b`, `${ch} `, ` ${ch}`])
        expect(cleanText(s), `U+${c.toString(16)} in ${JSON.stringify(s)}`).toBe(reference(s));
    }
  });
});
