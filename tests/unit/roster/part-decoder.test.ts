import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PartDecoder } from '../../../electron/roster/part-decoder';
import { makeTempDir, removeDir } from '../../support/tmp';

/**
 * The strict decoding of .xlsx parts: valid UTF-8 and UTF-16 come out whole wherever the inflater cuts the bytes, and
 * a byte sequence that is no text is refused — never turned into U+FFFD — naming the part, the byte (1-based, as
 * counted independently with Buffer.indexOf), the bytes, the text before them and, in a sheet, the cell; the same
 * message wherever the chunks are cut. xmllint, which refuses such a part too, is the independent check.
 */
const dir = makeTempDir('kekhai-part-decoder-');
afterAll(() => removeDir(dir));

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Decodes `bytes` cut at the given places; the text, or the error's message. */
function decode(bytes: Uint8Array, cuts: number[] = [], part = 'xl/sharedStrings.xml'): string {
  const d = new PartDecoder(part);
  let text = '';
  let at = 0;
  try {
    for (const cut of [...cuts, bytes.length]) {
      text += d.decode(bytes.subarray(at, cut));
      at = cut;
    }
    return text + d.end();
  } catch (e) {
    return `ERROR ${(e as Error).message}`;
  }
}

/** What xmllint says of these bytes as a document: true = well-formed. */
function xmllintAccepts(bytes: Uint8Array): boolean {
  const file = join(dir, `doc-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, bytes);
  const r = spawnSync('xmllint', ['--noout', file]);
  expect(r.error, 'xmllint is installed (.ci/run)').toBeUndefined();
  return r.status === 0;
}

const latin = (s: string) => Buffer.from(s, 'latin1');
const cat = (...parts: Uint8Array[]) => Buffer.concat(parts);

describe('PartDecoder', () => {
  it('gives valid UTF-8 whole at every cut, and one byte at a time', () => {
    const text = `${HEAD}<sst><si><t>Nguyễn Văn Bảo — 𝔄 Đặng Thị Ầu</t></si></sst>`;
    const bytes = Buffer.from(text, 'utf8');
    expect(xmllintAccepts(bytes)).toBe(true);
    for (let i = 0; i <= bytes.length; i++) expect(decode(bytes, [i]), `cut at ${i}`).toBe(text);
    expect(
      decode(
        bytes,
        Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
      ),
    ).toBe(text);
  });

  it('gives valid UTF-16 (LE and BE, with the BOM) whole at every cut', () => {
    const text = '<sst><si><t>Nguyễn 𝔄 Đặng</t></si></sst>';
    const le = cat(Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le'));
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be]) {
      expect(xmllintAccepts(bytes)).toBe(true);
      for (let i = 0; i <= bytes.length; i++) expect(decode(bytes, [i]), `cut at ${i}`).toBe(text);
    }
  });

  // Each: the bytes, the bad sequence as the message shows it, the text quoted before it; all refused by xmllint.
  const BAD: [string, Buffer, string, string][] = [
    [
      'Windows-1258 in a UTF-8 part ("Trần" as 54 72 E2 CC 6E)',
      cat(
        Buffer.from(`${HEAD}<sst><si><t>Nguyễn Văn Bảo</t></si><si><t>Tr`),
        latin('\xe2\xccn'),
        Buffer.from(' Thị Cúc</t></si></sst>'),
      ),
      '0xE2 0xCC',
      'Tr',
    ],
    ['a continuation byte alone', cat(Buffer.from(`${HEAD}<a>Nguy`), latin('\x80n</a>')), '0x80', 'Nguy'],
    ['a lead byte before ASCII', cat(Buffer.from(`${HEAD}<a>Nguy`), latin('\xc3n</a>')), '0xC3 0x6E', 'Nguy'],
    [
      'a three-byte character cut short',
      cat(Buffer.from(`${HEAD}<a>Nguy`), latin('\xe1\xbbn</a>')),
      '0xE1 0xBB 0x6E',
      'Nguy',
    ],
    ['a surrogate encoded in UTF-8', cat(Buffer.from(`${HEAD}<a>Tr`), latin('\xed\xa0\x80</a>')), '0xED 0xA0', 'Tr'],
    ['an overlong "/"', cat(Buffer.from(`${HEAD}<a>Tr`), latin('\xc0\xaf</a>')), '0xC0', 'Tr'],
  ];

  it.each(BAD)('refuses %s at its byte, wherever the chunks are cut', (_what, bytes, hex, quoted) => {
    expect(xmllintAccepts(bytes)).toBe(false);
    const start = bytes.indexOf(Buffer.from(hex.split(' ').map((h) => Number(h))));
    expect(start).toBeGreaterThan(0);
    const expected = `ERROR Không đọc được tệp Excel: phần xl/sharedStrings.xml, byte thứ ${(start + 1).toLocaleString('vi-VN')}: ${hex} không phải ký tự UTF-8 (ngay sau «${quoted}»)`;
    const whole = decode(bytes);
    expect(whole.startsWith(expected), whole).toBe(true);
    expect(whole).not.toContain('\ufffd');
    for (let i = 1; i < bytes.length; i++) expect(decode(bytes, [i]), `cut at ${i}`).toBe(whole);
    expect(
      decode(
        bytes,
        Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
      ),
      'a byte at a time',
    ).toBe(whole);
  });

  it('refuses a character cut short by the end of the part', () => {
    const bytes = cat(Buffer.from(`${HEAD}<a>Nguy`), latin('\xe1\xbb'));
    expect(xmllintAccepts(bytes)).toBe(false);
    for (let i = 1; i < bytes.length; i++)
      expect(decode(bytes, [i]), `cut at ${i}`).toMatch(
        new RegExp(`^ERROR .*byte thứ ${bytes.length - 1}: 0xE1 0xBB ở cuối phần là một ký tự UTF-8 bị cắt dở`),
      );
  });

  it('names the cell of a sheet whose text holds the bad byte, and no cell once it is closed', () => {
    const row = (name: Buffer) =>
      cat(
        Buffer.from(`${HEAD}<worksheet><sheetData><row r="7"><c r="A7" t="inlineStr"><is><t>Lê</t></is></c>`),
        Buffer.from('<c r="B7" t="inlineStr"><is><t>'),
        name,
        Buffer.from('</t></is></c></row></sheetData></worksheet>'),
      );
    const inCell = decode(row(cat(Buffer.from('Tr'), latin('\xe2\xccn'))), [], 'xl/worksheets/sheet1.xml');
    expect(inCell).toMatch(/^ERROR .*phần xl\/worksheets\/sheet1\.xml, ô B7, byte thứ \d+: 0xE2 0xCC/);
    const after = cat(
      Buffer.from(`${HEAD}<worksheet><sheetData><row r="7"><c r="A7" t="inlineStr"><is><t>Lê</t></is></c></row>`),
      latin('\xff'),
    );
    expect(decode(after, [], 'xl/worksheets/sheet1.xml')).toMatch(/^ERROR .*phần xl\/worksheets\/sheet1\.xml, byte/);
  });

  it('refuses a lone UTF-16 surrogate, naming its bytes', () => {
    const text = Buffer.from('<a>Tr\udc00n</a>', 'utf16le');
    const le = cat(Buffer.from([0xff, 0xfe]), text);
    expect(xmllintAccepts(le)).toBe(false);
    const whole = decode(le);
    expect(whole).toMatch(/^ERROR .*byte thứ 13: 0x00 0xDC không phải ký tự UTF-16 \(ngay sau «Tr»\)/);
    for (let i = 1; i < le.length; i++) expect(decode(le, [i]), `cut at ${i}`).toBe(whole);
  });
});
