import { describe, expect, test } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { loadCodeCatalog } from '../../../electron/codes/load';
import { CodeListError, parseCodeList } from '../../../shared/codes/code-list';
import { parseCsvText } from '../../../shared/codes/csv-text';
import { makeTempDir } from '../../support/tmp';

const CODES = join(process.cwd(), 'resources', 'codes');
const catalog = loadCodeCatalog(CODES);
const today = '2026-12-01';

describe('resources/codes/codes.json', () => {
  test('validates against its JSON Schema', () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(
      JSON.parse(readFileSync(join(process.cwd(), 'resources/schemas/codes.schema.json'), 'utf8')),
    );
    const meta = JSON.parse(readFileSync(join(CODES, 'codes.json'), 'utf8'));
    expect(validate(meta), JSON.stringify(validate.errors)).toBe(true);
    delete meta.lists.hospitals.versions['2025-07-01'].source;
    expect(validate(meta)).toBe(false);
  });

  test('every list loads whole: 11,867 hospitals, 3,321 communes, 34 provinces, 241 nationalities, 56 ethnic groups', () => {
    expect(catalog.at('hospitals', today)!.fileRows).toBe(11867);
    expect(catalog.at('hospitals', today)!.entries).toHaveLength(11862); // 5 rows are listed twice in the source
    expect(catalog.at('communes', today)!.entries).toHaveLength(3321);
    expect(catalog.at('provinces', today)!.entries).toHaveLength(34);
    expect(catalog.at('nationalities', today)!.fileRows).toBe(241);
    expect(catalog.at('nationalities', today)!.get('VA')!.name).toBe('HOLY SEE (VATICAN CITY STATE)'); // listed twice: the first wins
    expect(catalog.at('ethnicities', today)!.entries).toHaveLength(56);
    // Quoted names with commas survive (the CSV parser is RFC 4180).
    expect(catalog.at('nationalities', today)!.get('IR')!.name).toBe('IRAN, ISLAMIC REPUBLIC OF');
    expect(catalog.at('ethnicities', today)!.get('02')!.otherNames).toBe('Thổ, Ngạn, Phén, Thù lao, Pa Dí');
  });

  test('keeps the legacy nationality codes VNPT still uses (AN, CS)', () => {
    const n = catalog.at('nationalities', '2015-10')!;
    expect(n.get('AN')!.name).toBe('NETHERLANDS ANTILLES');
    expect(n.has('CS')).toBe(true);
    expect(n.has('XX')).toBe(false);
  });
});

describe('dated versions', () => {
  test('a period uses the version in force: 63 provinces before 07/2025, 34 from then; none before the first', () => {
    expect(catalog.at('provinces', '2015-10')!.has('30')).toBe(true); // Hải Dương, merged into Hải Phòng in 2025
    expect(catalog.at('provinces', '2025-06')!.entries).toHaveLength(64);
    expect(catalog.at('provinces', '2025-07')!.has('30')).toBe(false);
    expect(catalog.at('hospitals', '2015-10')).toBeNull();
    expect(catalog.forPicker('hospitals', '2015-10')!.info.validFrom).toBe('2025-07-01');
  });

  test('a newer dated file replaces the older one from its date, with only a data change', () => {
    const dir = join(makeTempDir('codes-'), 'codes');
    cpSync(CODES, dir, { recursive: true });
    writeFileSync(
      join(dir, 'hospitals', '2027-01-01.csv'),
      'ma_benh_vien,ten_benh_vien,ma_tinh\n38280,"Bệnh viện Đa khoa tỉnh Thanh Hóa (cơ sở mới)",38\n99999,Phòng khám mới,01\n',
    );
    const meta = JSON.parse(readFileSync(join(dir, 'codes.json'), 'utf8'));
    meta.lists.hospitals.versions['2027-01-01'] = {
      rows: 2,
      source: 'Test list replacing the 2025 one',
      retrieved: '2026-12-01',
    };
    writeFileSync(join(dir, 'codes.json'), JSON.stringify(meta));
    const c = loadCodeCatalog(dir);
    expect(c.at('hospitals', '2026-12')!.has('99999')).toBe(false);
    expect(c.at('hospitals', '2027-01')!.has('99999')).toBe(true);
    expect(c.at('hospitals', '2027-01')!.entries).toHaveLength(2);
  });

  test('a file without its codes.json entry, or with a wrong row count, is refused by name', () => {
    const dir = join(makeTempDir('codes-'), 'codes');
    cpSync(CODES, dir, { recursive: true });
    writeFileSync(join(dir, 'communes', '2030-01-01.csv'), 'ma_xa,ten_xa,ma_tinh\n00001,Xã A,01\n');
    expect(() => loadCodeCatalog(dir)).toThrow(/communes\/2030-01-01\.csv/);
    const meta = JSON.parse(readFileSync(join(dir, 'codes.json'), 'utf8'));
    meta.lists.communes.versions['2030-01-01'] = {
      rows: 5,
      source: 'Test list with a wrong count',
      retrieved: '2026-12-01',
    };
    writeFileSync(join(dir, 'codes.json'), JSON.stringify(meta));
    // Row counts are checked when the list is first read.
    const c = loadCodeCatalog(dir);
    expect(() => c.versions('communes')).toThrow(/có 1 dòng, codes.json ghi 5/);
  });
});

describe('search', () => {
  const hospitals = catalog.at('hospitals', today)!;
  test('"đa khoa thanh hóa" finds 38280 first, with or without diacritics, any case', () => {
    for (const q of ['đa khoa thanh hóa', 'da khoa thanh hoa', 'ĐA KHOA THANH HÓA']) {
      expect(hospitals.search({ search: q, limit: 5 }).rows[0]).toEqual({
        code: '38280',
        name: 'Bệnh viện đa khoa tỉnh Thanh Hóa',
        province: '38',
      });
    }
  });
  test('by code prefix and province', () => {
    const r = hospitals.search({ search: '3828', limit: 3 });
    expect(r.rows[0]!.code.startsWith('3828')).toBe(true);
    const inHanoi = hospitals.search({ province: '01' });
    expect(inHanoi.total).toBeGreaterThan(100);
    expect(inHanoi.rows.every((h) => h.province === '01')).toBe(true);
    expect(hospitals.search({ search: 'thanh hoa', province: '01' }).rows.every((h) => h.province === '01')).toBe(true);
  });
  test('ethnic groups are found by their other names', () => {
    expect(catalog.at('ethnicities', today)!.search({ search: 'viet' }).rows[0]!.code).toBe('01');
  });
});

describe('the list reader', () => {
  test('RFC 4180: quotes, doubled quotes, CRLF, BOM', () => {
    expect(parseCsvText('\ufeffa,b\r\n"x, y","say ""hi"""\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
    ]);
  });
  test('a code of the wrong shape names its line; a repeated code keeps its first row', () => {
    const info = { list: 'provinces' as const, validFrom: '2025-07-01', source: 's', retrieved: '2026-01-01' };
    const cols = { code: 'ma_tinh', name: 'ten_tinh' };
    expect(() => parseCodeList(info, 'ma_tinh,ten_tinh\n01,A\n1,B\n', cols, '^\\d{2}$')).toThrow(CodeListError);
    expect(() => parseCodeList(info, 'ma_tinh,ten_tinh\n01,A\n1,B\n', cols, '^\\d{2}$')).toThrow(/dòng 3/);
    const l = parseCodeList(info, 'ma_tinh,ten_tinh\n01,A\n01,B\n', cols, '^\\d{2}$');
    expect([l.get('01')!.name, l.entries.length, l.fileRows]).toEqual(['A', 1, 2]);
  });
});
