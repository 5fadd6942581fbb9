import { planByCode } from '../codes/plans';
import type { Draft, DraftRow } from '../draft/schema';
import type { XmlSink } from '../xml/sink';
import { genderCode, nfc, rowId } from './values';

/** A TK1-TS entry is needed for a participant without a mã số BHXH and for changed personal data. */
export function needsTk1(row: DraftRow): boolean {
  return row.insuranceNo === '' || row.personalChanges.trim() !== '';
}

/**
 * TK1-TS: element names and order of the real file (reference §1.4, ERS `TK1-TS-595.xml`; IVANGEN `TK1TS.cs`).
 * `PhuLuc` (household appendix) stays empty: procedure 600 covers employees, not households.
 */
export function writeTk1(draft: Draft, w: XmlSink): void {
  w.open('TK1-TS');
  w.open('NoiDung');
  let stt = 0;
  draft.rows.forEach((r, i) => {
    if (!needsTk1(r)) return;
    stt++;
    const plan = planByCode(r.plan);
    const hospitalProvince = r.hospital.province || (r.hospital.code.length === 5 ? r.hospital.code.slice(0, 2) : '');
    w.open('LaoDong');
    w.leaf('STT', String(stt));
    w.leaf('HoTen', nfc(r.fullName));
    w.leaf('NgaySinh', r.birthDate);
    w.leaf('GioiTinh', genderCode(r.gender));
    w.leaf('QuocTich', r.nationality);
    w.leaf('DanToc', r.ethnicity);
    w.leaf('Matinh_KS', r.birthPlace.province);
    w.leaf('Mahuyen_KS', r.birthPlace.district);
    w.leaf('Maxa_KS', r.birthPlace.ward);
    w.leaf('Diachi_NN', nfc(r.residence.address));
    w.leaf('Matinh_NN', r.residence.province);
    w.leaf('Mahuyen_NN', r.residence.district);
    w.leaf('Maxa_NN', r.residence.ward);
    w.leaf('Ten_ChaMe_Giamho', '');
    w.leaf('MasoBHXH', r.insuranceNo);
    w.leaf('Dienthoai_LH', r.phone);
    w.leaf('CMND', r.idNumber);
    w.leaf('Maho_Giadinh', r.householdCode);
    // Mucdong / Phuongthuc are for voluntary and household participants only (procedures 602/603).
    w.leaf('Mucdong', '0');
    w.leaf('Phuongthuc', '');
    w.leaf('MaTinhBenhVien', hospitalProvince);
    w.leaf('MaBenhVien', r.hospital.code);
    w.leaf('Noidung_Thaydoi', nfc(r.personalChanges.trim() || (plan ? `${plan.name}, ` : '')));
    w.leaf('HosoKemtheo', '');
    w.leaf('CCNS', '0');
    w.leaf('ID', rowId(r, i));
    w.leaf('Diachi_KS', nfc(r.birthPlace.address));
    w.leaf('Email_LH', r.email);
    w.leaf('PhuLuc', '');
    w.close('LaoDong');
  });
  w.close('NoiDung');
  w.leaf('Cky', '');
  w.close('TK1-TS');
}
