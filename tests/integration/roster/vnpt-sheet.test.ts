import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx, type XlsxCell } from '../../../electron/roster/write-xlsx';
import { readXlsx } from '../../../electron/roster/read-xlsx';
import { draftSchema } from '../../../shared/draft/schema';
import { VNPT_DATA_COLUMNS, VNPT_DOCUMENT_COLUMNS, VNPT_NOTES } from '../../../shared/vnpt/layout';
import { CLI, runCli, unitAddArgs } from '../../support/cli';
import { createTestContext, type TestContext } from '../../support/context';
import { SAIGON_UNIT as UNIT, fileBlob as blob } from '../../support/units';
import { makeTempDir, removeDir } from '../../support/tmp';
import { loVnptWorkbook, vnptIncrease } from '../../fixtures/roster/other-writers/vnpt-lo';

/** A filled workbook as a VNPT-BHXH clerk keeps it: notes, labels, XML names, data from row 4 (values by XML name). */
function clerkWorkbook(): Uint8Array {
  const row = (v: Record<string, XlsxCell>) => VNPT_DATA_COLUMNS.map((c) => (c.name ? (v[c.name] ?? null) : null));
  const data = [
    row({
      STT: 1,
      HoTen: 'Nguyễn Văn An',
      MasoBHXH: '7900000001',
      Loai: 1,
      TenLoaiKhaiBao: 'Tăng lao động',
      PA: 'TM',
      TenPhuongAn: 'Tăng mới',
      ChucVu: 'Công nhân may',
      TienLuong: 5_310_000,
      PhuCapCV: 500_000,
      TuThang: '01/2026',
      DenThang: '',
      NgaySinh: '17/05/1990',
      GioiTinh: 1,
      CMND: '079090000001',
      QuocTich: 'VN',
      DanToc: '01',
      MaTinhBenhVien: '79',
      MaBenhVien: '79024',
      Matinh_KS: '79',
      Maxa_KS: '26734',
      Hdld_xdth_tungay: '01/01/2026',
      Hdld_xdth_denngay: '31/12/2026',
      TyleDong: '32,5',
      TinhLai: 0,
      Vtvl_cmktbt_tungay: '01/01/2026',
    }),
    row({
      STT: 2,
      HoTen: 'Trần Thị Bình',
      MasoBHXH: '7900000002',
      Loai: 3,
      PA: 'GH',
      TienLuong: 6_000_000,
      TuThang: '02/2026',
      DenThang: '02/2026',
      NgaySinh: '1988',
      GioiTinh: 0,
      CMND: '079188000002',
      Ghichu: 'Nghỉ việc',
      DaCoSo: 1,
    }),
    row({
      STT: 3,
      HoTen: 'Lê Văn Cường',
      MasoBHXH: '7900000003',
      Loai: 4,
      PA: 'DC',
      TienLuong: '2,34',
      TuThang: '01/2026',
      NgaySinh: '03/1985',
      GioiTinh: '1',
      CMND: '079085000003',
      Hdld_tungay: '01/06/2020',
    }),
    row({ STT: 4 }), // a template row with only its ID filled in
  ];
  const docs = [
    VNPT_DOCUMENT_COLUMNS.map(
      (c) =>
        (
          ({
            STT: 2,
            HoTen: 'Trần Thị Bình',
            MasoBHXH: '7900000002',
            TenLoaiVanBan: 'Quyết định nghỉ việc',
            SoVanBan: '12/QĐ',
            NgayBanHanh: '15/01/2026',
            NgayHieuLuc: '01/02/2026',
            CoQuanBanHanh: 'Công ty',
            TrichYeu: 'Nghỉ việc',
          }) as Record<string, XlsxCell>
        )[c.name] ?? null,
    ),
  ];
  return writeXlsx([
    {
      name: 'Dữ Liệu',
      rows: [VNPT_NOTES, VNPT_DATA_COLUMNS.map((c) => c.label), VNPT_DATA_COLUMNS.map((c) => c.name), ...data],
    },
    { name: 'Phụ lục', rows: [['Dữ liệu nhập bắt đầu từ dòng thứ 4'], ['ID'], ['STT', 'HoTen', 'MasoBHXH']] },
    {
      name: 'Bảng kê',
      rows: [['Dữ liệu nhập bắt đầu từ dòng thứ 4'], [], VNPT_DOCUMENT_COLUMNS.map((c) => c.name), ...docs],
    },
    {
      name: 'Tổng hợp ',
      rows: [
        ['Loai', 'PA'],
        [1, 'TM'],
      ],
    },
  ]);
}

describe('VNPT-BHXH workbook both ways', () => {
  let ctx: TestContext;
  let dir = '';
  beforeAll(async () => {
    dir = makeTempDir('kekhai-vnpt-');
    ctx = createTestContext({ dataDir: join(dir, 'data'), now: new Date('2026-02-10T03:00:00Z') });
    await ctx.value('unit.add', UNIT);
  });
  afterAll(() => {
    ctx.close();
    removeDir(dir);
  });

  /**
   * A fresh data folder `name` with the unit, and `kekhai dossier from-sheet FILE` for 02/2026 into `out` (the built
   * CLI, the clock at 10/02/2026), run with extra arguments.
   */
  async function fromSheetCli(name: string, file: string, out: string) {
    const data = join(dir, name);
    const cli = (args: string[]) => runCli([...args, '--now', '2026-02-10T10:00:00+07:00'], { data });
    expect((await cli([...unitAddArgs(UNIT), '--json'])).code).toBe(0);
    const args = ['dossier', 'from-sheet', file, '--unit', UNIT.code, '--period', '02/2026', '--out', join(dir, out)];
    return (extra: string[] = []) => cli([...args, ...extra]);
  }

  it('reads Dữ Liệu as D02-TS rows (PA, Loai, months, salary, TK1 columns) and Bảng kê as the rows’ D01-TS documents', async () => {
    const r = await ctx.value('dossier.fromSheet', {
      file: blob('vnpt.xlsx', clerkWorkbook()),
      unitCode: UNIT.code,
      period: '02/2026',
    });
    expect(r.sheet).toBe('Dữ Liệu');
    expect(r.problems).toEqual([]);
    const d = r.draft as { format: string; period: string; unit: { code: string }; rows: Record<string, unknown>[] };
    expect(d).toMatchObject({ format: 'kekhai-draft/1', period: '02/2026', unit: { code: UNIT.code } });
    expect(d.rows).toHaveLength(3);
    expect(d.rows[0]).toMatchObject({
      plan: 'TM',
      loai: 1,
      fullName: 'Nguyễn Văn An',
      insuranceNo: '7900000001',
      fromMonth: '01/2026',
      toMonth: '',
      salary: 5_310_000,
      allowances: { position: 500_000 },
      birthDate: '17/05/1990',
      gender: 'M',
      idNumber: '079090000001',
      hospital: { province: '79', code: '79024' },
      birthPlace: { province: '79', ward: '26734' },
      contract: { type: 'fixed', from: '01/01/2026', to: '31/12/2026' },
      jobPositions: [{ kind: 'midSkill', from: '01/01/2026', to: '' }],
    });
    expect(d.rows[1]).toMatchObject({
      plan: 'GH',
      loai: 3,
      gender: 'F',
      birthDate: '1988',
      hasBook: true,
      note: 'Nghỉ việc',
      documents: [{ type: 'Quyết định nghỉ việc', number: '12/QĐ', issuedOn: '15/01/2026', effectiveOn: '01/02/2026' }],
    });
    expect(d.rows[2]).toMatchObject({
      plan: 'DC',
      loai: 4,
      salary: 2.34,
      birthDate: '03/1985',
      contract: { type: 'indefinite', from: '01/06/2020' },
    });
  });

  it('from-sheet → to-sheet → from-sheet is the identity on rows; the written workbook keeps the layout', async () => {
    const first = await ctx.value('dossier.fromSheet', {
      file: blob('vnpt.xlsx', clerkWorkbook()),
      unitCode: UNIT.code,
      period: '02/2026',
    });
    const out = await ctx.value('dossier.toSheet', { draft: first.draft });
    const bytes = Buffer.from(out.file.base64, 'base64');
    const written = readXlsx(bytes, { sheet: 'Dữ Liệu' });
    expect(written.rows.slice(0, 3).map((r) => r.row)).toEqual([1, 2, 3]);
    expect(written.rows[2]!.cells.slice(0, 7)).toEqual([
      'STT',
      'HoTen',
      'MasoBHXH',
      'TenLoaiKhaiBao',
      'Loai',
      'TenPhuongAn',
      'PA',
    ]);
    expect(written.rows[3]!.row).toBe(4);
    expect(written.rows[3]!.cells.slice(0, 7)).toEqual([
      1,
      'Nguyễn Văn An',
      '7900000001',
      'Tăng lao động',
      1,
      'Tăng mới',
      'TM',
    ]);
    const again = await ctx.value('dossier.fromSheet', {
      file: { name: 'again.xlsx', base64: out.file.base64 },
      unitCode: UNIT.code,
      period: '02/2026',
    });
    expect((again.draft as { rows: unknown[] }).rows).toEqual((first.draft as { rows: unknown[] }).rows);
  });

  it('a proposed draft (DC with its previous salary, TM whose contract has no type yet) survives draft → sheet → draft, amounts included', async () => {
    const unitCode = 'TS54321';
    await ctx.value('unit.add', { ...UNIT, code: unitCode });
    // The roster as a CSV carries no contract type: the proposed rows get contract.type '' with a start date.
    const csv = [
      'Họ và tên,Mã số BHXH,Ngày sinh,Giới tính,Số CCCD,Chức vụ,Tiền lương,Ngày bắt đầu HĐLĐ,Số hợp đồng,Ngày ký hợp đồng',
      'Phan Văn Đức,7900000011,01/01/1980,Nam,079080000011,Kỹ sư,8000000,01/03/2020,01/2020/HĐLĐ,01/03/2020',
      'Hồ Thị Hoa,,05/05/1995,Nữ,079195000012,Nhân viên,6500000,02/02/2026,05/2026/HĐLĐ,30/01/2026',
    ].join('\n');
    await ctx.value('roster.importCommit', {
      unitCode,
      file: blob('nhan-su.csv', new TextEncoder().encode(csv)),
      participatingSince: '01/2026',
    });
    await ctx.value('employee.event', {
      unitCode,
      employee: '7900000011',
      kind: 'salary',
      effective: '01/02/2026',
      salary: 9_000_000,
    });
    const p = await ctx.value('dossier.propose', { unitCode, period: '02/2026' });
    const proposed = draftSchema.parse(p.draft);
    const byPlan = Object.fromEntries(proposed.rows.map((r) => [r.plan, r]));
    expect(byPlan.DC).toMatchObject({ salary: 9_000_000, previousSalary: 8_000_000 });
    expect(byPlan.TM).toMatchObject({
      contract: { type: '', from: '02/02/2026', number: '05/2026/HĐLĐ', signedOn: '30/01/2026' },
    });

    const out = await ctx.value('dossier.toSheet', { draft: p.draft });
    const back = await ctx.value('dossier.fromSheet', { file: out.file, unitCode, period: '02/2026' });
    expect(back.problems).toEqual([]);
    const rows = (back.draft as { rows: Record<string, unknown>[] }).rows.map(({ loai, ...r }) => {
      expect(loai).toBe(r.plan === 'DC' ? 2 : 1);
      return r;
    });
    expect(rows).toEqual(proposed.rows);

    const before = await ctx.value('declarations.contributions', { draft: p.draft });
    const after = await ctx.value('declarations.contributions', { draft: back.draft });
    expect(after).toEqual(before);
    expect(after.skipped).toEqual([]);
    // DC: the change (9.000.000 − 8.000.000) at the row's rate, never the whole new salary.
    const dc = after.rows.find((r) => r.plan === 'DC')!;
    expect(dc.total).toBe(Math.round((1_000_000 * dc.rate) / 100));
  });

  it('imports the workbook as roster rows (header = row 3 of XML names) and writes the roster in the same layout', async () => {
    const p = await ctx.value('roster.importPreview', {
      unitCode: UNIT.code,
      file: blob('vnpt.xlsx', clerkWorkbook()),
    });
    expect(p.sheet).toBe('Dữ Liệu');
    expect(p.headerRow).toBe(3);
    expect(p.mapping).toMatchObject({
      fullName: 'HoTen',
      insuranceNumber: 'MasoBHXH',
      birthDate: 'NgaySinh',
      gender: 'GioiTinh',
      cmnd: 'CMND',
    });
    await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob('vnpt.xlsx', clerkWorkbook()) });
    const list = await ctx.value('employee.list', { unitCode: UNIT.code });
    expect(list.items.map((e) => [e.fullName, e.cccd, e.gender]).sort()).toEqual([
      ['Lê Văn Cường', '079085000003', 'M'],
      ['Nguyễn Văn An', '079090000001', 'M'],
      ['Trần Thị Bình', '079188000002', 'F'],
    ]);
    const sheet = await ctx.value('roster.toSheet', { unitCode: UNIT.code });
    expect(sheet.rows).toBe(3);
    const back = await ctx.value('roster.importPreview', { unitCode: UNIT.code, file: sheet.file });
    expect(back).toMatchObject({ headerRow: 3, toInsert: 0, rejectedRows: 0 });
  });

  it('a row LibreOffice hides is read into the draft and named in a warning (CLI and method)', async () => {
    expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
    const file = loVnptWorkbook(dir, 'vnpt-hidden', [
      { values: vnptIncrease(1, 'Nguyễn Văn An', '7900000001', '17/05/1990', 1, '079090000001') },
      { values: vnptIncrease(2, 'Trần Thị Bình', '7900000002', '01/07/1992', 0, '079192000002'), hidden: true },
      { values: vnptIncrease(3, 'Lê Văn Cường', '7900000003', '31/12/1985', 1, '079085000003') },
    ]);
    const warning = {
      row: 5,
      code: 'HIDDEN_ROWS',
      severity: 'warning',
      message:
        'Trang "Dữ Liệu", dòng 5: dòng này đang bị ẩn trong Excel (ẩn dòng, bộ lọc hoặc nhóm dòng thu gọn) nhưng vẫn được đọc vào tờ khai: nếu không kê khai dòng đó, hãy xoá khỏi tờ khai trước khi ký',
    };
    const r = await ctx.value('dossier.fromSheet', {
      file: blob('vnpt-hidden.xlsx', readFileSync(file)),
      unitCode: UNIT.code,
      period: '02/2026',
    });
    expect(r.problems).toEqual([
      { ...warning, messageEn: expect.stringMatching(/^Sheet "Dữ Liệu", row 5: this row is hidden in Excel/) },
    ]);
    const rows = (r.draft as { rows: { fullName: string; plan: string; fromMonth: string }[] }).rows;
    expect(rows.map((x) => [x.fullName, x.plan, x.fromMonth])).toEqual([
      ['Nguyễn Văn An', 'TM', '02/2026'],
      ['Trần Thị Bình', 'TM', '02/2026'],
      ['Lê Văn Cường', 'TM', '02/2026'],
    ]);

    const fromSheet = await fromSheetCli('cli-hidden', file, 'h.json');
    const json = await fromSheet(['--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(json.json).toMatchObject({ rows: 3, sheet: 'Dữ Liệu', problems: [warning] });
    const human = await fromSheet();
    expect(human.stdout).toContain(`\n  - ${warning.message}`);
  });

  it('birth dates Excel set to English (United States) swapped while they were typed are named, with the date each probably was (method and CLI)', async () => {
    // Typed "01/02/1990" and "05/03/1988": read month first into date cells; "15/04/1991" no such Excel can read.
    const typed = (stt: number, name: string, no: string, birth: string | { date: string }) => ({
      values: { ...vnptIncrease(stt, name, no, '', 1, ''), NgaySinh: birth },
    });
    const file = loVnptWorkbook(dir, 'vnpt-swapped', [
      typed(1, 'Nguyễn Văn An', '7900000001', { date: '1990-01-02' }),
      typed(2, 'Trần Văn Bình', '7900000002', '15/04/1991'),
      typed(3, 'Lê Văn Cường', '7900000003', { date: '1988-05-03' }),
      typed(4, 'Phạm Văn Dũng', '7900000004', { date: '1987-07-07' }), // 07/07 reads the same either way
    ]);
    const r = await ctx.value('dossier.fromSheet', {
      file: blob('vnpt-swapped.xlsx', readFileSync(file)),
      unitCode: UNIT.code,
      period: '02/2026',
    });
    expect(r.problems.map((p) => [p.row, p.code, p.severity])).toEqual([
      [4, 'DATE_SWAPPED', 'error'],
      [6, 'DATE_SWAPPED', 'error'],
    ]);
    expect(r.problems[0]!.message).toMatch(
      /^Trang "Dữ Liệu", dòng 4: cột NgaySinh: ô ngày 02\/01\/1990 có thể đã bị đảo ngày và tháng \(có lẽ là 01\/02\/1990\): .*\(như "15\/04\/1991"\).* ví dụ 01\/02\/1990 \(dd\/mm\/yyyy\)/,
    );
    expect(r.problems[1]!.message).toContain('ô ngày 03/05/1988 có thể đã bị đảo ngày và tháng (có lẽ là 05/03/1988)');
    // The draft holds the cells as the file has them, for the clerk to correct before signing.
    const rows = (r.draft as { rows: { birthDate: string }[] }).rows;
    expect(rows.map((x) => x.birthDate)).toEqual(['02/01/1990', '15/04/1991', '03/05/1988', '07/07/1987']);

    const json = await (await fromSheetCli('cli-swapped', file, 's.json'))(['--json']);
    expect(json.code, json.stderr).toBe(0);
    expect((json.json as { problems: { code: string; row: number }[] }).problems.map((p) => [p.row, p.code])).toEqual([
      [4, 'DATE_SWAPPED'],
      [6, 'DATE_SWAPPED'],
    ]);
  });

  it('kekhai dossier from-sheet / to-sheet (built CLI): the same rows after a round trip', async () => {
    expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
    const data = join(dir, 'cli-data');
    const cli = (args: string[]) => runCli([...args, '--now', '2026-02-10T10:00:00+07:00'], { data });
    expect((await cli([...unitAddArgs(UNIT), '--json'])).code).toBe(0);
    writeFileSync(join(dir, 'vnpt.xlsx'), clerkWorkbook());
    const a = await cli([
      'dossier',
      'from-sheet',
      join(dir, 'vnpt.xlsx'),
      '--unit',
      UNIT.code,
      '--period',
      '02/2026',
      '--out',
      join(dir, 'a.json'),
      '--json',
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.json).toMatchObject({ rows: 3, sheet: 'Dữ Liệu', problems: [] });
    const t = await cli(['dossier', 'to-sheet', join(dir, 'a.json'), '--out', join(dir, 'b.xlsx'), '--json']);
    expect(t.code, t.stderr).toBe(0);
    const b = await cli([
      'dossier',
      'from-sheet',
      join(dir, 'b.xlsx'),
      '--unit',
      UNIT.code,
      '--period',
      '02/2026',
      '--out',
      join(dir, 'b.json'),
      '--json',
    ]);
    expect(b.code, b.stderr).toBe(0);
    const rows = (f: string) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { rows: unknown[] }).rows;
    expect(rows('b.json')).toEqual(rows('a.json'));
    expect(rows('a.json')[0]).toMatchObject({
      plan: 'TM',
      loai: 1,
      fromMonth: '01/2026',
      toMonth: '',
      salary: 5_310_000,
    });
  });
});
