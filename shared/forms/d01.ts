import { planByCode } from '../codes/plans';
import type { Draft, DraftDocument, DraftRow } from '../draft/schema';
import { isoMonth } from '../rules/month';
import type { XmlSink } from '../xml/sink';
import { nfc } from './values';

/** A row is late or retroactive when it is back-dated (AD, AT, SB) or an increase starting before the period. */
export function isLateRow(row: DraftRow, draftPeriod: string): boolean {
  const plan = planByCode(row.plan);
  const from = isoMonth(row.fromMonth);
  const period = isoMonth(draftPeriod);
  if (!plan || !from || !period) return false;
  return plan.backDated || (plan.kind === 'increase' && from < period);
}

/** The supporting documents of a row: the clerk's, else (for a late row) its contract. */
export function rowDocuments(draft: Draft, row: DraftRow): DraftDocument[] {
  if (row.documents.length) return row.documents;
  if (!isLateRow(row, draft.period)) return [];
  const plan = planByCode(row.plan);
  const c = row.contract;
  return [
    {
      type: c.number ? 'Hợp đồng lao động' : 'Văn bản',
      number: c.number,
      issuedOn: c.signedOn,
      effectiveOn: c.from || c.signedOn,
      issuer: draft.unit.name,
      summary: `${plan?.name ?? row.plan} từ tháng ${row.fromMonth}${row.toMonth ? ` đến tháng ${row.toMonth}` : ''}`,
      review: '',
    },
  ];
}

export function needsD01(draft: Draft): boolean {
  return draft.rows.some((r) => rowDocuments(draft, r).length > 0);
}

/** D01-TS: `NoiDung/{TenBangKe, KemTheo, BangKe/ThongTin*}` (reference §1.5, IVANGEN `D01TS.cs`), then `<Cky>`. */
export function writeD01(draft: Draft, w: XmlSink): void {
  w.open('D01-TS');
  w.open('NoiDung');
  w.leaf('TenBangKe', 'Bảng kê thông tin');
  w.leaf('KemTheo', `Danh sách lao động D02-TS kỳ ${draft.period} đợt ${draft.batch}`);
  w.open('BangKe');
  let stt = 0;
  for (const r of draft.rows) {
    for (const d of rowDocuments(draft, r)) {
      stt++;
      w.open('ThongTin');
      w.leaf('STT', String(stt));
      w.leaf('HoTen', nfc(r.fullName));
      w.leaf('MasoBHXH', r.insuranceNo);
      w.leaf('TenLoaiVanBan', nfc(d.type));
      w.leaf('SoVanBan', nfc(d.number));
      w.leaf('NgayBanHanh', d.issuedOn);
      w.leaf('NgayHieuLuc', d.effectiveOn);
      w.leaf('CoQuanBanHanh', nfc(d.issuer));
      w.leaf('TrichYeu', nfc(d.summary));
      w.leaf('NoiDungThamDinh', nfc(d.review));
      w.close('ThongTin');
    }
  }
  w.close('BangKe');
  w.close('NoiDung');
  w.leaf('Cky', '');
  w.close('D01-TS');
}
