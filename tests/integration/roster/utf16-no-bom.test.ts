import { describe, expect, it } from 'vitest';
import { readCsv, detectEncoding } from '../../../electron/roster/read-csv';

/**
 * A UTF-16 text file saved without a byte-order mark: read as UTF-8 its headers were garbage ("H\0ọ\0 …"). The NUL
 * bytes in alternate positions give it away; it is decoded as UTF-16 (LE or BE), and 8-bit files are unaffected.
 */
const ROWS = [
  ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Mã số BHXH'],
  ['Nguyễn Thị Ánh Tuyết', '17/05/1990', 'Nữ', '7900000001'],
  ['Trần Văn Đức', '1985', 'Nam', '7900000002'],
];
const text = ROWS.map((r) => r.join('\t')).join('\r\n') + '\r\n';

describe('UTF-16 without a byte-order mark', () => {
  for (const [label, bytes, encoding] of [
    ['little-endian', Buffer.from(text, 'utf16le'), 'utf-16le'],
    ['big-endian', Buffer.from(text, 'utf16le').swap16(), 'utf-16be'],
  ] as const) {
    it(`${label}: detected and decoded, headers and Vietnamese names intact`, () => {
      expect(detectEncoding(bytes)).toEqual({ encoding, bom: 0 });
      const sheet = readCsv(bytes);
      expect(sheet.encoding).toBe(encoding);
      expect(sheet.delimiter).toBe('\t');
      expect(sheet.rows.map((r) => r.cells)).toEqual(ROWS);
      expect(sheet.rows.some((r) => r.invalid)).toBe(false);
    });
  }

  it('UTF-8 and Windows-1258 files (no NUL bytes) keep their detection', () => {
    expect(detectEncoding(Buffer.from(text, 'utf8'))).toEqual({ encoding: 'utf-8', bom: 0 });
    expect(detectEncoding(Buffer.from('Ho va ten,Ngay sinh\r\nNguy\xeen,1990\r\n', 'latin1')).encoding).toBe(
      'windows-1258',
    );
  });
});
