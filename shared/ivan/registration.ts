import { el, emitDocument, type XNode } from './xml-tree';

/**
 * Registration forms of QĐ 08/2015/QĐ-TTg (domain reference §2.5):
 * 04/ĐK-IVAN đăng ký, 05/SĐ-IVAN sửa đổi/bổ sung (incl. switching provider), 06/NG-IVAN ngừng sử dụng.
 * The 04 element paths (`DKI_BHXH/TTDVI/...`, `TTCKY_DVI/TTCKY/...`) follow the public XSLT of Mẫu 04;
 * the change/stop parts of 05/06 (`THAY_DOI`, `NGUNG`, `LY_DO`) are our inference — no public sample exists.
 * All three are wrapped in `Hoso` and signed by the unit at `Hoso/CKy_Dvi` (ERS `HosoBHXHHelper.cs`).
 */
export type RegistrationForm = '04' | '05' | '06';

export const REGISTRATION_FORMS: Record<RegistrationForm, { code: string; title: string; root: string }> = {
  '04': { code: '04/ĐK-IVAN', title: 'TỜ KHAI Đăng ký sử dụng dịch vụ I-VAN', root: 'DKI_BHXH' },
  '05': { code: '05/SĐ-IVAN', title: 'TỜ KHAI Sửa đổi, bổ sung thông tin sử dụng dịch vụ I-VAN', root: 'SDI_BHXH' },
  '06': { code: '06/NG-IVAN', title: 'TỜ KHAI Ngừng sử dụng dịch vụ I-VAN', root: 'NGI_BHXH' },
};

/** Reasons list for 05/06 (Thái Sơn `ly_do_ngung_type`, domain reference §2.5). */
export const STOP_REASONS: Record<number, string> = {
  1: 'Thay đổi email nhận thông báo',
  2: 'Thay đổi thông tin đơn vị',
  3: 'Thay đổi thông tin chứng thư',
  4: 'Phần mềm không đầy đủ thủ tục hồ sơ',
  5: 'Phần mềm giao dịch không thuận tiện',
  6: 'Hỗ trợ dịch vụ kém',
  7: 'Chuyển sang nhà cung cấp dịch vụ I-VAN khác',
  8: 'Đơn vị giải thể',
  9: 'Lý do khác',
};

export interface RegistrationInput {
  form: RegistrationForm;
  place: string;
  /** dd/mm/yyyy */
  date: string;
  unitName: string;
  unitCode: string;
  address: string;
  email: string;
  phone: string;
  /** Procedures registered, e.g. ["600"]. */
  procedures: string[];
  ivanCode: string;
  ivanName: string;
  certificate: { serial: string; subject: string; notBefore: string; notAfter: string };
  /** 05/06: reasons from STOP_REASONS; 9 needs `otherReason`. */
  reasons?: number[];
  otherReason?: string;
  /** 05 when switching provider: the new I-VAN. */
  newIvan?: { code: string; name: string };
  /** 06: dd/mm/yyyy from which the service stops. */
  stopFrom?: string;
}

export interface RegistrationProblem {
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

const DMY = /^\d{2}\/\d{2}\/\d{4}$/;

export function checkRegistration(r: RegistrationInput): RegistrationProblem[] {
  const p: RegistrationProblem[] = [];
  const need = (field: keyof RegistrationInput, label: string, labelEn: string) => {
    const v = r[field];
    if (typeof v !== 'string' || v.trim() === '')
      p.push({ field, code: 'REQUIRED', message: `Thiếu ${label}`, messageEn: `${labelEn} is required` });
  };
  need('unitName', 'tên đơn vị', 'unit name');
  need('address', 'địa chỉ liên hệ', 'contact address');
  need('email', 'email', 'e-mail');
  need('phone', 'điện thoại', 'phone');
  need('place', 'địa điểm lập', 'place');
  if (!/^[A-Z0-9]{7}$/.test(r.unitCode))
    p.push({
      field: 'unitCode',
      code: 'UNIT_CODE',
      message: 'Mã đơn vị gồm 7 chữ in hoa hoặc số',
      messageEn: 'Unit code is 7 upper-case letters or digits',
    });
  if (!DMY.test(r.date))
    p.push({
      field: 'date',
      code: 'DATE',
      message: 'Ngày lập phải có dạng dd/mm/yyyy',
      messageEn: 'Date must be dd/mm/yyyy',
    });
  if (r.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(r.email))
    p.push({ field: 'email', code: 'EMAIL', message: 'Email không hợp lệ', messageEn: 'Invalid e-mail' });
  if (!/^\d{5}$/.test(r.ivanCode))
    p.push({
      field: 'ivanCode',
      code: 'IVAN_CODE',
      message: 'Mã I-VAN gồm 5 chữ số',
      messageEn: 'I-VAN code is 5 digits',
    });
  if (r.procedures.length === 0)
    p.push({
      field: 'procedures',
      code: 'REQUIRED',
      message: 'Chọn ít nhất một thủ tục',
      messageEn: 'Choose at least one procedure',
    });
  if (!r.certificate.serial)
    p.push({
      field: 'certificate.serial',
      code: 'REQUIRED',
      message: 'Thiếu số chứng thư số',
      messageEn: 'Certificate serial is required',
    });
  if (r.form !== '04') {
    const reasons = r.reasons ?? [];
    if (reasons.length === 0)
      p.push({
        field: 'reasons',
        code: 'REQUIRED',
        message: 'Chọn ít nhất một lý do',
        messageEn: 'Choose at least one reason',
      });
    for (const x of reasons)
      if (!STOP_REASONS[x])
        p.push({
          field: 'reasons',
          code: 'REASON',
          message: `Lý do ${x} không có trong danh mục`,
          messageEn: `Reason ${x} is not in the list`,
        });
    if (reasons.includes(9) && !r.otherReason?.trim())
      p.push({
        field: 'otherReason',
        code: 'REQUIRED',
        message: 'Ghi rõ lý do khác',
        messageEn: 'Describe the other reason',
      });
  }
  if (r.form === '05' && (r.reasons ?? []).includes(7) && !r.newIvan)
    p.push({
      field: 'newIvan',
      code: 'REQUIRED',
      message: 'Chọn nhà cung cấp I-VAN mới',
      messageEn: 'Choose the new I-VAN provider',
    });
  if (r.form === '06' && (!r.stopFrom || !DMY.test(r.stopFrom)))
    p.push({
      field: 'stopFrom',
      code: 'DATE',
      message: 'Ngày ngừng phải có dạng dd/mm/yyyy',
      messageEn: 'Stop date must be dd/mm/yyyy',
    });
  return p;
}

/** The unsigned registration dossier: `Hoso/NoiDung/<form root>` and an empty `Hoso/CKy_Dvi` for the unit's signature. */
export function buildRegistrationXml(r: RegistrationInput): string {
  const def = REGISTRATION_FORMS[r.form];
  const ttdvi = el('TTDVI', [
    el('DIADIEM', r.place),
    el('NGAY_LAP', r.date),
    el('TEN_DVI', r.unitName),
    el('MA_DVI', r.unitCode),
    el('DIACHI_LHE', r.address),
    el('EMAIL', r.email),
    el('DIEN_THOAI', r.phone),
    el('TEN_THUTUC', r.procedures.join(', ')),
    el('MA_IVAN', r.ivanCode),
    el('TEN_IVAN', r.ivanName),
  ]);
  const ttcky = el('TTCKY_DVI', [
    el('TTCKY', [
      el('SERIAL', r.certificate.serial),
      el('SUBJECT', r.certificate.subject),
      el('BEGIN', r.certificate.notBefore),
      el('END', r.certificate.notAfter),
    ]),
  ]);
  const body: XNode[] = [ttdvi, ttcky];
  if (r.form !== '04') {
    const reasons = (r.reasons ?? []).map((code) =>
      el('LY_DO', [el('MA', code), el('TEN', code === 9 ? (r.otherReason ?? '') : STOP_REASONS[code]!)]),
    );
    if (r.form === '05') {
      const parts: XNode[] = [el('DS_LY_DO', reasons)];
      if (r.newIvan) parts.push(el('IVAN_MOI', [el('MA_IVAN', r.newIvan.code), el('TEN_IVAN', r.newIvan.name)]));
      body.push(el('THAY_DOI', parts));
    } else {
      body.push(el('NGUNG', [el('TU_NGAY', r.stopFrom ?? ''), el('DS_LY_DO', reasons)]));
    }
  }
  const root = el('Hoso', [
    el('NoiDung', [
      el('MaToKhai', def.code),
      el('TenToKhai', def.title),
      el('CanCu', 'Quyết định số 08/2015/QĐ-TTg ngày 09/03/2015 của Thủ tướng Chính phủ'),
      el('BHXH', [el(def.root, body)]),
    ]),
    el('CKy_Dvi', ''),
  ]);
  return emitDocument(root);
}
