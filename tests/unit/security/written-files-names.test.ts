/**
 * shared/security/file-name.ts, the one rule for names built from data (Microsoft, "Naming Files, Paths, and
 * Namespaces"; 255-byte names on ext4): what each kind of bad name becomes.
 */
import { describe, expect, test } from 'vitest';
import { safeFileName } from '../../../shared/security/file-name';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('safeFileName', () => {
  test.each([
    ['BHXHDienTu.xml', 'BHXHDienTu.xml'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['..\\..\\Windows\\win.ini', '_.._Windows_win.ini'],
    ['C:\\x.xml', 'C__x.xml'],
    ['/abs/x.xml', '_abs_x.xml'],
    ['a<b>c:d"e|f?g*h.xml', 'a_b_c_d_e_f_g_h.xml'],
    ['tab\there\u0000nul.xml', 'tab_here_nul.xml'],
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['NUL.tar.gz', '_NUL.tar.gz'],
    ['COM1.xml', '_COM1.xml'],
    ['LPT9', '_LPT9'],
    ['COM¹.xml', '_COM¹.xml'],
    ['CONSOLE.xml', 'CONSOLE.xml'],
    ['name. . ', 'name'],
    ['  .hidden', 'hidden'],
  ])('%j → %j', (input, out) => expect(safeFileName(input, 'fallback.xml')).toBe(out));

  test.each(['', '.', '..', '...', '   ', ' . '])('%j has nothing left: the fallback', (input) =>
    expect(safeFileName(input, 'fallback.xml')).toBe('fallback.xml'),
  );

  test('NFD text becomes NFC (one name on every disk, no duplicate by normalisation)', () => {
    const nfd = 'Hồ sơ tháng 10.xml'.normalize('NFD');
    expect(safeFileName(nfd, 'x')).toBe('Hồ sơ tháng 10.xml'.normalize('NFC'));
  });

  test('a long name is cut to 200 bytes on a character boundary, its extension kept', () => {
    const out = safeFileName(`${'Đặng '.repeat(100)}.xlsx`, 'x');
    expect(bytes(out)).toBeLessThanOrEqual(200);
    expect(out.endsWith('.xlsx')).toBe(true);
    expect(out).not.toContain('\ufffd');
    expect(out.startsWith('Đặng Đặng')).toBe(true);
    const emoji = safeFileName('😀'.repeat(100), 'x');
    expect(bytes(emoji)).toBeLessThanOrEqual(200);
    expect([...emoji].every((c) => c === '😀')).toBe(true);
  });
});
