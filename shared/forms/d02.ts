import { loaiOf, planByCode } from '../codes/plans';
import type { Draft, DraftRow } from '../draft/schema';
import type { XmlSink } from '../xml/sink';
import { genderCode, nfc, num, rateFormatter, rowId, rowNote, rowRegionCode } from './values';

/**
 * The children of `D02-TS/NoiDung/LaoDong`, names and order exactly as the real signed file (reference §1.3,
 * ERS `D02-TS-595.xml`, 05/2023). `writeRow` writes them in this order.
 */
export const D02_ROW_FIELDS = [
  'STT',
  'HoTen',
  'MasoBHXH',
  'ChucVu',
  'NoiLamViec',
  'TienLuong',
  'PhuCapCV',
  'PhuCapTNVK',
  'PhuCapTNNghe',
  'PhuCapLuong',
  'PhuCapBosung',
  'TuThang',
  'DenThang',
  'Ghichu',
  'PA',
  'TyleDong',
  'TinhLai',
  'DaCoSo',
  'MucHuong',
  'MaPhongBan',
  'MavungSS',
  'MavungLTT',
  'ID',
  'Loai',
  'CoGiamChet',
  'NgayChet',
  'NgaySinh',
  'GioiTinh',
  'CMND',
  'Vtvl_nql_tungay',
  'Vtvl_nql_denngay',
  'Vtvl_cmktbc_tungay',
  'Vtvl_cmktbc_denngay',
  'Vtvl_cmktbt_tungay',
  'Vtvl_cmktbt_denngay',
  'Vtvl_khac_tungay',
  'Vtvl_khac_denngay',
  'Nndh_tungay',
  'Nndh_denngay',
  'Hdld_tungay',
  'Hdld_xdth_tungay',
  'Hdld_xdth_denngay',
  'Hdld_khac_tungay',
  'Hdld_khac_denngay',
] as const;

/** Rows that get a new BHYT card by default (ThongTinKhac/SoTheBHYT) when the draft does not say. */
const NEW_CARD = new Set(['TM', 'TH']);

const NO_PERIOD: readonly [string, string] = ['', ''];

function jobPeriod(
  jobs: DraftRow['jobPositions'],
  kind: DraftRow['jobPositions'][number]['kind'],
): readonly [string, string] {
  if (jobs.length === 0) return NO_PERIOD;
  const j = jobs.find((x) => x.kind === kind);
  return j ? [j.from, j.to] : NO_PERIOD;
}

/** One LaoDong, children in `D02_ROW_FIELDS` order (a test checks the produced order against the reference). */
function writeRow(draft: Draft, r: DraftRow, i: number, rate: (r: DraftRow) => string, w: XmlSink): void {
  const plan = planByCode(r.plan);
  const a = r.allowances;
  const c = r.contract;
  w.open('LaoDong');
  w.leaf('STT', String(i + 1));
  w.leaf('HoTen', nfc(r.fullName));
  w.leaf('MasoBHXH', r.insuranceNo);
  w.leaf('ChucVu', nfc(r.position));
  w.leaf('NoiLamViec', nfc(r.workplace));
  w.leaf('TienLuong', num(r.salary));
  w.leaf('PhuCapCV', num(a.position));
  w.leaf('PhuCapTNVK', num(a.seniorityExcessPct));
  w.leaf('PhuCapTNNghe', num(a.seniorityJobPct));
  w.leaf('PhuCapLuong', num(a.salary));
  w.leaf('PhuCapBosung', num(a.other));
  w.leaf('TuThang', r.fromMonth);
  w.leaf('DenThang', r.toMonth);
  w.leaf('Ghichu', nfc(rowNote(r)));
  w.leaf('PA', r.plan);
  w.leaf('TyleDong', rate(r));
  w.leaf('TinhLai', r.interest ? '1' : '0');
  w.leaf('DaCoSo', (r.hasBook ?? r.insuranceNo !== '') ? '1' : '0');
  w.leaf('MucHuong', r.benefitLevel);
  w.leaf('MaPhongBan', r.department);
  w.leaf('MavungSS', r.livingArea);
  w.leaf('MavungLTT', rowRegionCode(r, draft));
  w.leaf('ID', rowId(r, i));
  w.leaf('Loai', plan ? String(loaiOf(plan, r)) : '');
  w.leaf('CoGiamChet', r.deathDate ? '1' : '0');
  w.leaf('NgayChet', r.deathDate);
  w.leaf('NgaySinh', r.birthDate);
  w.leaf('GioiTinh', genderCode(r.gender));
  w.leaf('CMND', r.idNumber);
  const jobs = r.jobPositions;
  const nql = jobPeriod(jobs, 'manager');
  const bc = jobPeriod(jobs, 'highSkill');
  const bt = jobPeriod(jobs, 'midSkill');
  const k = jobPeriod(jobs, 'other');
  w.leaf('Vtvl_nql_tungay', nql[0]);
  w.leaf('Vtvl_nql_denngay', nql[1]);
  w.leaf('Vtvl_cmktbc_tungay', bc[0]);
  w.leaf('Vtvl_cmktbc_denngay', bc[1]);
  w.leaf('Vtvl_cmktbt_tungay', bt[0]);
  w.leaf('Vtvl_cmktbt_denngay', bt[1]);
  w.leaf('Vtvl_khac_tungay', k[0]);
  w.leaf('Vtvl_khac_denngay', k[1]);
  w.leaf('Nndh_tungay', r.hazardous.from);
  w.leaf('Nndh_denngay', r.hazardous.to);
  w.leaf('Hdld_tungay', c.type === 'indefinite' ? c.from : '');
  w.leaf('Hdld_xdth_tungay', c.type === 'fixed' ? c.from : '');
  w.leaf('Hdld_xdth_denngay', c.type === 'fixed' ? c.to : '');
  w.leaf('Hdld_khac_tungay', c.type === 'other' ? c.from : '');
  w.leaf('Hdld_khac_denngay', c.type === 'other' ? c.to : '');
  w.close('LaoDong');
}

function writeHead(draft: Draft, w: XmlSink): void {
  w.open('D02-TS');
  w.open('ThongTinKhac');
  w.leaf('SoToBiaSoBHXH', num(draft.sheet.coverSheets ?? 0));
  w.leaf('SoToRoiSoBHXH', num(draft.sheet.looseSheets ?? 0));
  w.leaf('SoTheBHYT', num(draft.sheet.healthCards ?? draft.rows.filter((r) => NEW_CARD.has(r.plan)).length));
  w.close('ThongTinKhac');
  w.open('NoiDung');
}

function writeTail(w: XmlSink): void {
  w.close('NoiDung');
  w.leaf('Cky', '');
  w.close('D02-TS');
}

/** D02-TS through any sink (the xmlbuilder2 oracle uses this path). `<Cky>` last and empty for the signer. */
export function writeD02(draft: Draft, w: XmlSink): void {
  const rate = rateFormatter();
  writeHead(draft, w);
  const rows = draft.rows;
  for (let i = 0; i < rows.length; i++) writeRow(draft, rows[i]!, i, rate, w);
  writeTail(w);
}
