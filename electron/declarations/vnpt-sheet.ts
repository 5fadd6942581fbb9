import type { EmployeeRecord, UnitRecord } from '../../shared/contract/roster';
import type { FieldProblem } from '../../shared/contract/result';
import { loaiOf, planByCode } from '../../shared/codes/plans';
import { DRAFT_FORMAT, type Draft } from '../../shared/draft/schema';
import { formatDateVN } from '../../shared/format';
import { draftUnitFromRecord } from '../../shared/ledger/draft-row';
import {
  isVnptNamesRow,
  KEKHAI_DATA_COLUMNS,
  KEKHAI_HAZARD_LEVELS,
  VNPT_DATA_COLUMNS,
  VNPT_DATA_SHEET,
  VNPT_DOCUMENT_COLUMNS,
  VNPT_DOCUMENTS_SHEET,
  VNPT_HOUSEHOLD_COLUMNS,
  VNPT_HOUSEHOLD_SHEET,
  VNPT_LOAI_NAMES,
  VNPT_NOTES,
  type VnptColumn,
} from '../../shared/vnpt/layout';
import { AppError } from '../core/app-error';
import { cellDate, cellDigits, cellGender, cellNumber, cellText, dateOrder } from '../roster/cells';
import { mayBeSwapped, swappedDateMessage } from '../roster/swapped-dates';
import { chooseSheet, XlsxWorkbook, type SheetInfo } from '../roster/read-xlsx';
import { HIDDEN_ROWS_WHY, hiddenRowsSubject } from '../roster/hidden-rows';
import type { CellValue, SheetRow } from '../roster/sheet';
import { writeXlsx, type XlsxCell, type XlsxSheet } from '../roster/write-xlsx';

/**
 * The VNPT-BHXH workbook both ways (layout: shared/vnpt/layout.ts): a filled `Dữ Liệu` sheet read as D02-TS/TK1-TS
 * draft rows (kekhai-draft/1, plus each row's `loai` as the sheet gives it) with `Bảng kê` as the rows' D01-TS
 * documents; a draft or a roster written back in the same layout, so a clerk moves between the two tools without
 * retyping. Columns are found by their row-3 XML name, never by position.
 */

/** A draft row as read from the sheet: the kekhai-draft/1 row plus `loai`, every field present (a canonical form). */
export type SheetDraftRow = Draft['rows'][number] & { loai: number };

interface Columns {
  get(row: CellValue[], name: string): CellValue;
  /** The XML names the names row holds. */
  names(): string[];
}

/** Column of each XML name in the names row (the first of two columns with one name). */
function columnsOf(names: readonly CellValue[]): Columns {
  const at = new Map<string, number>();
  names.forEach((n, i) => {
    if (typeof n === 'string' && n.trim() && !at.has(n.trim())) at.set(n.trim(), i);
  });
  return { get: (row, name) => (at.has(name) ? (row[at.get(name)!] ?? null) : null), names: () => [...at.keys()] };
}

/** The sheet's rows after its XML-names row (found in the first 20 rows; row 3 in the template). */
function dataRows(
  wb: XlsxWorkbook,
  sheet: SheetInfo,
  isNames: (cells: CellValue[]) => boolean = isVnptNamesRow,
): { cols: Columns; rows: SheetRow[] } | null {
  const rows: SheetRow[] = [];
  wb.rows(sheet, (batch) => {
    for (const r of batch) rows.push(r);
  });
  const at = rows.slice(0, 20).findIndex((r) => isNames(r.cells));
  if (at < 0) return null;
  return { cols: columnsOf(rows[at]!.cells), rows: rows.slice(at + 1) };
}

const text = (v: CellValue) => cellText(v).text;
const num = (v: CellValue) => {
  const n = cellNumber(v);
  return n === null || Number.isNaN(n) ? 0 : n;
};
const flag = (v: CellValue) => ['1', 'x', 'có', 'co', 'true'].includes(text(v).toLowerCase());

/** "MM/yyyy" from a month cell: text as typed, a date cell or serial as its month. */
function month(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string' && /^\s*\d{1,2}\/\d{4}\s*$/.test(v)) return v.trim().padStart(7, '0');
  const d = cellDate(v, false);
  const m = /^\d{2}\/(\d{2}\/\d{4})$/.exec(d);
  return m ? m[1]! : d;
}

function readRow(c: Columns, cells: CellValue[]): SheetDraftRow {
  const g = (name: string) => c.get(cells, name);
  const plan = text(g('PA')).toUpperCase();
  const loaiCell = cellNumber(g('Loai'));
  const contract: SheetDraftRow['contract'] = { number: '', signedOn: '', type: '', from: '', to: '' };
  if (text(g('Hdld_tungay'))) Object.assign(contract, { type: 'indefinite', from: cellDate(g('Hdld_tungay'), false) });
  else if (text(g('Hdld_xdth_tungay')) || text(g('Hdld_xdth_denngay')))
    Object.assign(contract, {
      type: 'fixed',
      from: cellDate(g('Hdld_xdth_tungay'), false),
      to: cellDate(g('Hdld_xdth_denngay'), false),
    });
  else if (text(g('Hdld_khac_tungay')) || text(g('Hdld_khac_denngay')))
    Object.assign(contract, {
      type: 'other',
      from: cellDate(g('Hdld_khac_tungay'), false),
      to: cellDate(g('Hdld_khac_denngay'), false),
    });
  else
    Object.assign(contract, {
      from: cellDate(g('KeKhai_Hdld_tungay'), false),
      to: cellDate(g('KeKhai_Hdld_denngay'), false),
    });
  contract.number = text(g('KeKhai_SoHdld'));
  contract.signedOn = cellDate(g('KeKhai_NgayKyHdld'), false);
  const jobPositions: SheetDraftRow['jobPositions'] = [];
  for (const [kind, key] of [
    ['manager', 'nql'],
    ['highSkill', 'cmktbc'],
    ['midSkill', 'cmktbt'],
    ['other', 'khac'],
  ] as const) {
    const from = cellDate(g(`Vtvl_${key}_tungay`), false);
    const to = cellDate(g(`Vtvl_${key}_denngay`), false);
    if (from || to) jobPositions.push({ kind, from, to });
  }
  const hasBook = text(g('DaCoSo'));
  const previousSalary = cellNumber(g('KeKhai_TienLuongCu'));
  const hazard = text(g('KeKhai_NangNhoc')).toLowerCase();
  const hazardLevel = (Object.keys(KEKHAI_HAZARD_LEVELS) as (keyof typeof KEKHAI_HAZARD_LEVELS)[]).find(
    (k) => KEKHAI_HAZARD_LEVELS[k] === hazard || k.toLowerCase() === hazard,
  );
  const row: SheetDraftRow = {
    plan,
    loai: loaiCell !== null && Number.isInteger(loaiCell) ? loaiCell : 0,
    fullName: text(g('HoTen')),
    insuranceNo: cellDigits(g('MasoBHXH'), [10]),
    birthDate: cellDate(g('NgaySinh'), true),
    gender: cellGender(g('GioiTinh')) ?? 'M',
    idNumber: cellDigits(g('CMND'), [12, 9]),
    nationality: text(g('QuocTich')) || 'VN',
    ethnicity: cellDigits(g('DanToc'), [2]) || '01',
    position: text(g('ChucVu')),
    workplace: text(g('NoiLamViec')),
    salary: num(g('TienLuong')),
    ...(previousSalary !== null && !Number.isNaN(previousSalary) ? { previousSalary } : {}),
    allowances: {
      position: num(g('PhuCapCV')),
      seniorityExcessPct: num(g('PhuCapTNVK')),
      seniorityJobPct: num(g('PhuCapTNNghe')),
      salary: num(g('PhuCapLuong')),
      other: num(g('PhuCapBosung')),
    },
    fromMonth: month(g('TuThang')),
    toMonth: month(g('DenThang')),
    wageRegion: cellDigits(g('MavungLTT'), [2]),
    contract,
    note: text(g('Ghichu')),
    trained: flag(g('KeKhai_DaoTao')),
    deathDate: cellDate(g('NgayChet'), false),
    department: text(g('MaPhongBan')),
    livingArea: text(g('MavungSS')).toUpperCase(),
    benefitLevel: text(g('MucHuong')),
    interest: flag(g('TinhLai')),
    ...(hasBook ? { hasBook: flag(g('DaCoSo')) } : {}),
    phone: text(g('Dienthoai_LH')),
    email: text(g('Email_LH')),
    birthPlace: {
      province: cellDigits(g('Matinh_KS'), [2]),
      district: cellDigits(g('KeKhai_Mahuyen_KS'), [3]),
      ward: cellDigits(g('Maxa_KS'), [5]),
      address: text(g('Diachi_KS')),
    },
    residence: {
      province: cellDigits(g('Matinh_NN'), [2]),
      district: cellDigits(g('KeKhai_Mahuyen_NN'), [3]),
      ward: cellDigits(g('Maxa_NN'), [5]),
      address: text(g('Diachi_NN')),
    },
    householdCode: text(g('Maho_Giadinh')),
    hospital: { province: cellDigits(g('MaTinhBenhVien'), [2]), code: cellDigits(g('MaBenhVien'), [5]) },
    personalChanges: text(g('Noidung_Thaydoi')),
    documents: [],
    jobPositions,
    hazardous: { from: cellDate(g('Nndh_tungay'), false), to: cellDate(g('Nndh_denngay'), false) },
    ...(hazardLevel ? { hazardLevel } : {}),
  };
  if (!row.loai) {
    const p = planByCode(plan);
    row.loai = p ? loaiOf(p, row) : 0;
  }
  return row;
}

function problem(sheet: string, row: number, vi: string, en: string, code: string): FieldProblem {
  return {
    row,
    code,
    severity: 'error',
    message: `Trang "${sheet}", dòng ${row}: ${vi}`,
    messageEn: `Sheet "${sheet}", row ${row}: ${en}`,
  };
}

/**
 * Rows Excel hides (hidden, filtered out, in a collapsed group) are read into the draft like the others — the sheet
 * holds them — but named, so a clerk who filtered the workbook to one plan code or hid last month's rows removes them
 * from the draft before it is signed. The first ten are listed, the rest counted.
 */
function hiddenRowsRead(sheet: string, rows: readonly number[]): FieldProblem {
  const subject = hiddenRowsSubject(rows, rows.length);
  return {
    ...problem(
      sheet,
      rows[0]!,
      `${subject.vi} đang bị ẩn trong Excel (${HIDDEN_ROWS_WHY.vi}) nhưng vẫn được đọc vào tờ khai: nếu không kê khai ${rows.length === 1 ? 'dòng' : 'các dòng'} đó, hãy xoá khỏi tờ khai trước khi ký`,
      `${subject.en} hidden in Excel (${HIDDEN_ROWS_WHY.en}) but read into the draft: if they are not to be declared, delete them from the draft before signing`,
      'HIDDEN_ROWS',
    ),
    severity: 'warning',
  };
}

/** Date columns of `Dữ Liệu`: birth and death, the contract's, the job positions' and hazardous work's from/to. */
const isDateColumn = (name: string) => /^Ngay(Sinh|Chet)$|^KeKhai_NgayKyHdld$|_(tungay|denngay)$/.test(name);

/**
 * Date cells a program swapped (`dateOrder` in roster/cells.ts: dd/mm dates typed into Excel set to English (United
 * States) became date cells read month first wherever both numbers are ≤ 12, the others stayed text): each named, as
 * in the roster import, so the clerk corrects it in the workbook or in the draft before signing. Text dates are read
 * day first on this path, so the date to type is given day first.
 */
function swappedDateCells(sheet: string, cols: Columns, rows: readonly SheetRow[]): FieldProblem[] {
  const names = cols.names().filter(isDateColumn);
  const { swapped } = dateOrder(names.map((n) => rows.map((r) => cols.get(r.cells, n))));
  if (!swapped) return [];
  const out: FieldProblem[] = [];
  for (const r of rows)
    for (const n of names) {
      const v = cols.get(r.cells, n);
      if (!(v instanceof Date) || !mayBeSwapped(v)) continue;
      const m = swappedDateMessage(v, swapped.text, false);
      out.push(problem(sheet, r.row, `cột ${n}: ${m.vi}`, `column ${n}: ${m.en}`, 'DATE_SWAPPED'));
    }
  return out;
}

export interface SheetDraft {
  draft: Omit<Draft, 'rows'> & { rows: SheetDraftRow[] };
  /** Rows the sheet could not give (no name or no PA; a document that matches no row). */
  problems: FieldProblem[];
  sheet: string;
}

/** A filled VNPT workbook → a kekhai-draft/1 draft of `unit` for `period` (MM/yyyy). */
export function draftFromVnptWorkbook(
  bytes: Uint8Array,
  unit: UnitRecord,
  period: string,
  opts: { sheet?: string; today: Date },
): SheetDraft {
  const wb = new XlsxWorkbook(bytes);
  const sheet = chooseSheet(wb, {
    sheet: opts.sheet ?? (wb.sheets.some((s) => s.name === VNPT_DATA_SHEET) ? VNPT_DATA_SHEET : undefined),
    pick: (head) => (head.slice(0, 20).some((r) => isVnptNamesRow(r.cells)) ? 1 : 0),
  });
  const data = dataRows(wb, sheet);
  if (!data) {
    throw new AppError(
      'BAD_FILE',
      `Trang "${sheet.name}" không theo mẫu VNPT-BHXH: không thấy dòng tên cột XML (HoTen, MasoBHXH, PA…)`,
      {
        en: `Sheet "${sheet.name}" is not in the VNPT-BHXH layout: no row of XML column names (HoTen, MasoBHXH, PA…)`,
      },
    );
  }
  const problems: FieldProblem[] = [];
  const rows: SheetDraftRow[] = [];
  const byStt = new Map<string, SheetDraftRow>();
  const hidden: number[] = [];
  const read: SheetRow[] = [];
  for (const r of data.rows) {
    const row = readRow(data.cols, r.cells);
    if (!row.fullName && !row.insuranceNo && !row.plan) continue; // a template row with only its ID filled in
    read.push(r);
    if (r.hidden) hidden.push(r.row);
    if (!row.fullName) problems.push(problem(sheet.name, r.row, 'thiếu họ tên (HoTen)', 'no name (HoTen)', 'REQUIRED'));
    if (!row.plan)
      problems.push(problem(sheet.name, r.row, 'thiếu mã phương án (PA)', 'no plan code (PA)', 'REQUIRED'));
    rows.push(row);
    const stt = text(data.cols.get(r.cells, 'STT'));
    if (stt) byStt.set(stt, row);
  }
  problems.push(...swappedDateCells(sheet.name, data.cols, read));
  if (hidden.length) problems.push(hiddenRowsRead(sheet.name, hidden));
  const docSheet = wb.sheets.find((s) => s.name === VNPT_DOCUMENTS_SHEET);
  const docs = docSheet
    ? dataRows(wb, docSheet, (cells) => cells.includes('TenLoaiVanBan') || cells.includes('SoVanBan'))
    : null;
  if (docSheet && docs) {
    for (const r of docs.rows) {
      const g = (name: string) => docs.cols.get(r.cells, name);
      const doc = {
        type: text(g('TenLoaiVanBan')),
        number: text(g('SoVanBan')),
        issuedOn: cellDate(g('NgayBanHanh'), false),
        effectiveOn: cellDate(g('NgayHieuLuc'), false),
        issuer: text(g('CoQuanBanHanh')),
        summary: text(g('TrichYeu')),
        review: text(g('NoiDungThamDinh')),
      };
      if (!Object.values(doc).some(Boolean)) continue;
      const no = cellDigits(g('MasoBHXH'), [10]);
      const name = text(g('HoTen'));
      const owner =
        byStt.get(text(g('STT'))) ??
        rows.find((x) => (no && x.insuranceNo === no) || (!no && name && x.fullName === name));
      if (owner) owner.documents.push(doc);
      else
        problems.push(
          problem(
            docSheet.name,
            r.row,
            `văn bản không thuộc dòng nào của trang "${sheet.name}"`,
            `the document belongs to no row of sheet "${sheet.name}"`,
            'DOCUMENT_OWNER',
          ),
        );
    }
  }
  const draft: SheetDraft['draft'] = {
    format: DRAFT_FORMAT,
    procedure: '600',
    period,
    batch: 1,
    createdOn: formatDateVN(opts.today),
    ivan: unit.ivanProvider ?? '',
    unit: draftUnitFromRecord(unit),
    sheet: {},
    rows,
  };
  return { draft, problems, sheet: sheet.name };
}

const blankZero = (n: number | undefined) => (n ? n : null);
const bit = (b: boolean | undefined) => (b === undefined ? null : b ? 1 : 0);

/** One data-sheet row by XML name. */
function draftRowCells(row: Draft['rows'][number] & { loai?: number }, index: number): Record<string, XlsxCell> {
  const plan = planByCode(row.plan);
  const loai = row.loai && row.loai >= 1 && row.loai <= 5 ? row.loai : plan ? loaiOf(plan, row) : null;
  const c = row.contract;
  const v: Record<string, XlsxCell> = {
    STT: index + 1,
    HoTen: row.fullName,
    MasoBHXH: row.insuranceNo,
    TenLoaiKhaiBao: loai ? VNPT_LOAI_NAMES[loai] : null,
    Loai: loai,
    TenPhuongAn: plan?.name ?? null,
    PA: row.plan,
    ChucVu: row.position,
    NoiLamViec: row.workplace,
    TienLuong: row.salary,
    PhuCapCV: blankZero(row.allowances.position),
    PhuCapTNVK: blankZero(row.allowances.seniorityExcessPct),
    PhuCapTNNghe: blankZero(row.allowances.seniorityJobPct),
    PhuCapLuong: blankZero(row.allowances.salary),
    PhuCapBosung: blankZero(row.allowances.other),
    TuThang: row.fromMonth,
    DenThang: row.toMonth,
    NgayChet: row.deathDate,
    Ghichu: row.note,
    TinhLai: row.interest ? 1 : 0,
    DaCoSo: bit(row.hasBook),
    MucHuong: row.benefitLevel,
    MaPhongBan: row.department,
    MavungSS: row.livingArea,
    MavungLTT: row.wageRegion,
    CMND: row.idNumber,
    Maho_Giadinh: row.householdCode,
    NgaySinh: row.birthDate,
    GioiTinh: row.gender === 'F' ? 0 : 1,
    QuocTich: row.nationality,
    DanToc: row.ethnicity,
    MaTinhBenhVien: row.hospital.province,
    MaBenhVien: row.hospital.code,
    Matinh_KS: row.birthPlace.province,
    Maxa_KS: row.birthPlace.ward,
    Diachi_KS: row.birthPlace.address,
    Matinh_NN: row.residence.province,
    Maxa_NN: row.residence.ward,
    Diachi_NN: row.residence.address,
    Dienthoai_LH: row.phone,
    Email_LH: row.email,
    Noidung_Thaydoi: row.personalChanges,
    Nndh_tungay: row.hazardous.from,
    Nndh_denngay: row.hazardous.to,
    KeKhai_TienLuongCu: row.previousSalary ?? null,
    KeKhai_SoHdld: c.number,
    KeKhai_NgayKyHdld: c.signedOn,
    KeKhai_DaoTao: row.trained ? 1 : null,
    KeKhai_NangNhoc: row.hazardLevel ? KEKHAI_HAZARD_LEVELS[row.hazardLevel] : null,
    KeKhai_Mahuyen_KS: row.birthPlace.district,
    KeKhai_Mahuyen_NN: row.residence.district,
  };
  const key = { manager: 'nql', highSkill: 'cmktbc', midSkill: 'cmktbt', other: 'khac' } as const;
  for (const j of row.jobPositions) {
    v[`Vtvl_${key[j.kind]}_tungay`] = j.from;
    v[`Vtvl_${key[j.kind]}_denngay`] = j.to;
  }
  if (c.type === 'indefinite') v.Hdld_tungay = c.from;
  else if (c.type === 'fixed') Object.assign(v, { Hdld_xdth_tungay: c.from, Hdld_xdth_denngay: c.to });
  else if (c.type === 'other') Object.assign(v, { Hdld_khac_tungay: c.from, Hdld_khac_denngay: c.to });
  else Object.assign(v, { KeKhai_Hdld_tungay: c.from, KeKhai_Hdld_denngay: c.to });
  return v;
}

/** Numbers stay numbers in these columns; every other column is text (codes keep their leading zeros). */
const NUMERIC = new Set([
  'STT',
  'Loai',
  'TienLuong',
  'PhuCapCV',
  'PhuCapTNVK',
  'PhuCapTNNghe',
  'PhuCapLuong',
  'PhuCapBosung',
  'TinhLai',
  'DaCoSo',
  'GioiTinh',
  'KeKhai_TienLuongCu',
  'KeKhai_DaoTao',
]);

function layoutSheet(
  name: string,
  columns: readonly VnptColumn[],
  rows: Record<string, XlsxCell>[],
  notes: string[],
): XlsxSheet {
  const seen = new Set<string>();
  // Only the first of two columns with one XML name gets the value (the template repeats TenXaNN/Maxa_NN).
  const keys = columns.map((c) => (c.name && !seen.has(c.name) ? (seen.add(c.name), c.name) : ''));
  return {
    name,
    rows: [
      notes,
      columns.map((c) => c.label),
      columns.map((c) => c.name),
      ...rows.map((r) => keys.map((k) => (k ? (r[k] ?? null) : null))),
    ],
    boldRows: 3,
    frozenRows: 3,
    widths: columns.map((c) => (c.name === 'HoTen' ? 26 : 14)),
    formats: columns.map((c) => (NUMERIC.has(c.name) ? undefined : 'text')),
  };
}

/** A draft → the VNPT workbook: `Dữ Liệu` rows, an empty `Phụ lục`, `Bảng kê` from each row's documents. */
export function draftToVnptWorkbook(
  draft: Pick<Draft, 'rows'> & { rows: (Draft['rows'][number] & { loai?: number })[] },
): Uint8Array {
  const docs: Record<string, XlsxCell>[] = [];
  draft.rows.forEach((r, i) => {
    for (const d of r.documents) {
      docs.push({
        STT: i + 1,
        HoTen: r.fullName,
        MasoBHXH: r.insuranceNo,
        TenLoaiVanBan: d.type,
        SoVanBan: d.number,
        NgayBanHanh: d.issuedOn,
        NgayHieuLuc: d.effectiveOn,
        CoQuanBanHanh: d.issuer,
        TrichYeu: d.summary,
        NoiDungThamDinh: d.review,
      });
    }
  });
  return writeXlsx([
    layoutSheet(
      VNPT_DATA_SHEET,
      [...VNPT_DATA_COLUMNS, ...KEKHAI_DATA_COLUMNS],
      draft.rows.map(draftRowCells),
      VNPT_NOTES,
    ),
    layoutSheet(VNPT_HOUSEHOLD_SHEET, VNPT_HOUSEHOLD_COLUMNS, [], ['Dữ liệu nhập bắt đầu từ dòng thứ 4']),
    layoutSheet(VNPT_DOCUMENTS_SHEET, VNPT_DOCUMENT_COLUMNS, docs, ['Dữ liệu nhập bắt đầu từ dòng thứ 4']),
  ]);
}

/** A roster → the VNPT workbook's `Dữ Liệu` (no PA: the clerk picks it per row in VNPT-BHXH). */
export function rosterToVnptWorkbook(employees: Iterable<EmployeeRecord>): Uint8Array {
  const rows: Record<string, XlsxCell>[] = [];
  let i = 0;
  for (const e of employees) {
    const fixed = !!e.contractEnd;
    rows.push({
      STT: ++i,
      HoTen: e.fullName,
      MasoBHXH: e.insuranceNumber,
      ChucVu: e.jobTitle,
      NoiLamViec: e.workplace,
      TienLuong: e.salary,
      PhuCapCV: blankZero(e.allowancePosition),
      PhuCapTNVK: blankZero(e.allowanceSeniorityExcess),
      PhuCapTNNghe: blankZero(e.allowanceSeniorityJob),
      PhuCapLuong: blankZero(e.allowanceSalary),
      PhuCapBosung: blankZero(e.allowanceOther),
      MaPhongBan: e.department,
      MavungLTT: e.wageRegion,
      CMND: e.cccd || e.cmnd,
      NgaySinh: e.birthDate,
      GioiTinh: e.gender === 'F' ? 0 : 1,
      QuocTich: e.nationality,
      DanToc: e.ethnicity,
      MaBenhVien: e.hospitalCode,
      Matinh_KS: e.birthProvince,
      Maxa_KS: e.birthWard,
      Diachi_NN: e.address,
      Dienthoai_LH: e.phone,
      Email_LH: e.email,
      ...(e.contractStart
        ? fixed
          ? { Hdld_xdth_tungay: e.contractStart, Hdld_xdth_denngay: e.contractEnd }
          : { Hdld_tungay: e.contractStart }
        : {}),
    });
  }
  return writeXlsx([
    layoutSheet(VNPT_DATA_SHEET, VNPT_DATA_COLUMNS, rows, VNPT_NOTES),
    layoutSheet(VNPT_HOUSEHOLD_SHEET, VNPT_HOUSEHOLD_COLUMNS, [], ['Dữ liệu nhập bắt đầu từ dòng thứ 4']),
    layoutSheet(VNPT_DOCUMENTS_SHEET, VNPT_DOCUMENT_COLUMNS, [], ['Dữ liệu nhập bắt đầu từ dòng thứ 4']),
  ]);
}
