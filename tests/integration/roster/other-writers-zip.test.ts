import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, unitAddArgs } from '../../support/cli';
import { createTestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { fileBlob, SAIGON_UNIT as UNIT } from '../../support/units';
import { python } from '../../fixtures/roster/other-writers/lo';

/**
 * Case 5: .xlsx packages made by hand with Python's zipfile (tests/fixtures/roster/other-writers/make-inputs.py):
 * the valid variants other writers produce import; the invalid ones are refused with a Vietnamese message that says
 * what is wrong — never a crash, a zlib message alone or "[object Object]". Built CLI and importPreview.
 */
const NOW = ['--now', '2026-01-15T03:00:00Z'];
const MAKE = join(process.cwd(), 'tests/fixtures/roster/other-writers/make-inputs.py');
const PEOPLE = [
  { fullName: 'Nguyễn Văn Bảo', birthDate: '01/02/1990', gender: 'M', cccd: '001090000901' },
  { fullName: 'Trần Thị Cúc', birthDate: '03/04/1991', gender: 'F', cccd: '001191000902' },
];
let dir: string;
let data: string;

beforeAll(async () => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  dir = makeTempDir('kekhai-other-writers-zip-');
  python(readFileSync(MAKE, 'utf8'), [dir]);
  data = join(dir, 'data');
  const r = await runCli([...unitAddArgs(UNIT), '--json'], { data });
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => removeDir(dir));

const dryRun = (name: string) =>
  runCli(['roster', 'import', join(dir, name), '--unit', UNIT.code, '--dry-run', '--json', ...NOW], { data });

describe('roster import of hand-made zip packages', () => {
  it.each([
    ['stored.xlsx', 'entries STORED instead of deflated'],
    ['descriptor.xlsx', 'data descriptors after each entry (general-purpose bit 3), sizes 0 in the local headers'],
    ['shared-descriptor-stored.xlsx', 'stored entries with data descriptors, strings in sharedStrings.xml'],
    ['absolute-target.xlsx', 'the sheet named by an absolute part name in workbook.xml.rels'],
    ['empty-sst.xlsx', 'an empty shared-strings table <sst count="0"/>'],
    ['zip64.xlsx', 'zip64 local headers on small entries'],
    ['strict.xlsx', 'ISO/IEC 29500 Strict namespaces'],
  ])('%s (%s) imports', async (name) => {
    const r = await dryRun(name);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 2, imported: 2, updated: 0, unchanged: 0, rejectedRows: 0 });
    const ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    try {
      await ctx.value('unit.add', UNIT);
      const file = fileBlob(name, readFileSync(join(dir, name)));
      await ctx.value('roster.importCommit', { unitCode: UNIT.code, file });
      const list = await ctx.value('employee.list', { unitCode: UNIT.code });
      const got = list.items
        .map((e) => ({ fullName: e.fullName, birthDate: e.birthDate, gender: e.gender, cccd: e.cccd }))
        .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
      expect(got).toEqual(PEOPLE);
    } finally {
      ctx.close();
    }
  });

  it.each(['xstring-shared.xlsx', 'xstring-inline.xlsx'])(
    '%s: "_xHHHH_" escapes in strings are characters (ECMA-376 Part 1 §22.9.2.19)',
    async (name) => {
      const ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
      try {
        await ctx.value('unit.add', UNIT);
        const file = fileBlob(name, readFileSync(join(dir, name)));
        const done = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file });
        expect(done).toMatchObject({ imported: 2, rejectedRows: 0, rejected: [] });
        const list = await ctx.value('employee.list', { unitCode: UNIT.code });
        const got = list.items
          .map((e) => ({ fullName: e.fullName, address: e.address }))
          .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
        expect(got).toEqual([
          // Excel's pasted carriage return: white space, trimmed and collapsed like any other.
          { fullName: 'Nguyễn Văn Bảo', address: 'Số 5 ngõ 12' },
          // "_x005F_" is the underscore of a typed "_x0041_".
          { fullName: 'Trần Thị Cúc', address: 'Kho_x0041_B' },
        ]);
      } finally {
        ctx.close();
      }
    },
  );

  it.each([
    ['cp1258-shared.xlsx', 'xl/sharedStrings.xml', ''],
    ['cp1258-inline.xlsx', 'xl/worksheets/sheet1.xml', ', ô A3'],
  ])(
    '%s: text in Windows-1258 inside a part declared UTF-8 is refused at its byte, as xmllint refuses it — never stored as U+FFFD',
    async (name, part, cell) => {
      const raw = readFileSync(join(dir, name.replace('.xlsx', '.part.xml')));
      const xmllint = spawnSync('xmllint', ['--noout', join(dir, name.replace('.xlsx', '.part.xml'))]);
      expect(xmllint.error, 'xmllint is installed (.ci/run)').toBeUndefined();
      expect(xmllint.status).not.toBe(0);
      expect(xmllint.stderr.toString()).toContain('Bytes: 0xE2 0xCC');
      const byte = raw.indexOf(Buffer.from([0xe2, 0xcc])) + 1;
      const message = `Không đọc được tệp Excel: phần ${part}${cell}, byte thứ ${byte}: 0xE2 0xCC không phải ký tự UTF-8 (ngay sau «Tr») — tệp bị hỏng hoặc bị phần mềm tạo ra nó ghi sai bảng mã: hãy lấy lại tệp gốc hoặc xuất lại tệp`;
      const r = await dryRun(name);
      expect(r.code, r.stderr).toBe(1);
      expect(r.json.error).toMatchObject({ code: 'BAD_FILE', message });
      // A real import writes nothing (row 2, read before the bad byte, included).
      const real = await runCli(['roster', 'import', join(dir, name), '--unit', UNIT.code, '--json', ...NOW], { data });
      expect(real.code).toBe(1);
      const list = await runCli(['roster', 'list', '--unit', UNIT.code, '--json'], { data });
      expect(list.code, list.stderr).toBe(0);
      expect(list.json.total).toBe(0);
    },
  );

  it.each([
    [
      'charref-nul.xlsx',
      'BAD_FILE',
      'Không đọc được tệp Excel: XML hỏng trong xl/worksheets/sheet1.xml: tham chiếu ký tự «&#0;» không phải ký tự hợp lệ trong XML (ngay sau «Nguyễn Văn»)',
    ],
    [
      'xml-spreadsheet-2003.xls',
      'BAD_FILE',
      'Tệp này là bảng tính XML 2003 (XML Spreadsheet), không phải .xlsx hay .csv: hãy mở tệp bằng Excel, chọn Lưu thành (Save As) → Sổ làm việc Excel (.xlsx), rồi nhập tệp .xlsx đó',
    ],
    [
      'wide.xlsx',
      'FILE_TOO_LARGE',
      'Tệp Excel vượt giới hạn: trang "DS", ô XFD2 nằm ngoài 1.024 cột đầu (A…AMJ): hãy xoá các cột thừa bên phải bảng rồi lưu lại',
    ],
    [
      'zero-byte-sst.xlsx',
      'BAD_FILE',
      'Không đọc được tệp Excel: XML hỏng trong xl/sharedStrings.xml: không có phần tử nào',
    ],
    [
      'duplicate.xlsx',
      'BAD_FILE',
      'Không đọc được tệp Excel: tệp có hai phần cùng tên "xl/worksheets/sheet1.xml" (tệp đã bị sửa hoặc bị hỏng)',
    ],
    ['dotdot.xlsx', 'BAD_FILE', 'Không đọc được tệp Excel: tên phần "../../evil.xml" không hợp lệ (trỏ ra ngoài tệp)'],
    [
      'encrypted.xlsx',
      'BAD_FILE',
      'Không đọc được tệp Excel: phần xl/worksheets/sheet1.xml được mã hoá bằng mật khẩu; hãy lưu lại tệp không đặt mật khẩu',
    ],
    [
      'password.xlsx',
      'BAD_FILE',
      'Tệp Excel được đặt mật khẩu: hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại (.xlsx hoặc .csv)',
    ],
    ['old-excel.xlsx', 'BAD_FILE', 'Tệp .xls (Excel 97–2003) chưa được hỗ trợ: hãy lưu lại thành .xlsx hoặc .csv'],
    [
      'crc.xlsx',
      'BAD_FILE',
      'Không đọc được tệp Excel: phần xl/worksheets/sheet1.xml bị hỏng (sai mã kiểm tra CRC-32): hãy lấy lại tệp gốc',
    ],
    ['binary.xlsb', 'BAD_FILE', 'Tệp .xlsb (Excel nhị phân) chưa được hỗ trợ: hãy lưu lại thành .xlsx hoặc .csv'],
  ])('%s is refused: %s %s', async (name, code, message) => {
    const r = await dryRun(name);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).not.toContain('[object');
    expect(r.json.error).toMatchObject({ code, message });
    // The same through the method the import screen calls first.
    const ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    try {
      await ctx.value('unit.add', UNIT);
      const res = await ctx.call('roster.importPreview', {
        unitCode: UNIT.code,
        file: fileBlob(name, readFileSync(join(dir, name))),
      });
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error).toMatchObject({ code, message });
    } finally {
      ctx.close();
    }
  });
});
