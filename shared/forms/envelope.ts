import { IVAN_NAMES } from '../codes/ivan-providers';
import { CanonicalWriter } from '../xml/canonical-writer';
import type { XmlSink } from '../xml/sink';

export const PROCEDURE_600_NAME = 'Báo tăng, báo giảm, điều chỉnh đóng BHXH, BHYT, BHTN, BHTNLĐ, BNN';

export interface EnvelopeInfo {
  ivan: { code: string; name?: string };
  unit: { name: string; code: string; taxCode: string; signer: string; phone: string; agencyCode: string };
  procedure?: { code: string; name: string };
  /** KyKeKhai MM/yyyy. */
  period: string;
  /** NgayLap dd/mm/yyyy. */
  createdOn: string;
}

export interface EnvelopeFile {
  code: string;
  description: string;
  fileName: string;
  /** Base64 of the (signed) file, one line. */
  base64: string;
}

/** `.xml`, `.pdf`: the extension with its dot (LoaiFile, reference §1.1). */
function extension(name: string): string {
  const i = name.lastIndexOf('.');
  return i >= 0 ? name.slice(i).toLowerCase() : '';
}

/**
 * The envelope `Hoso` (`BHXHDienTu.xml`), reference §1.1: `NoiDung/{ThongTinIVAN, ThongTinDonVi, ThongTinHoSo}` and
 * an empty `<CKy_Dvi>` last for the unit's signature. `DoDaiFile` is the length of the Base64 text.
 */
export function writeEnvelope(info: EnvelopeInfo, files: readonly EnvelopeFile[], w: XmlSink): void {
  const proc = info.procedure ?? { code: '600', name: PROCEDURE_600_NAME };
  w.open('Hoso');
  w.open('NoiDung');
  w.open('ThongTinIVAN');
  w.leaf('MaIVAN', info.ivan.code);
  w.leaf('TenIVAN', info.ivan.name ?? IVAN_NAMES[info.ivan.code] ?? '');
  w.close('ThongTinIVAN');
  w.open('ThongTinDonVi');
  w.leaf('TenDoiTuong', info.unit.name);
  w.leaf('MaSoBHXH', info.unit.code);
  w.leaf('LoaiDoiTuong', '1');
  w.leaf('MaSoThue', info.unit.taxCode);
  w.leaf('NguoiKy', info.unit.signer);
  w.leaf('DienThoai', info.unit.phone);
  w.leaf('CoQuanQuanLy', info.unit.agencyCode);
  w.close('ThongTinDonVi');
  w.open('ThongTinHoSo');
  w.leaf('TenThuTuc', proc.name);
  w.leaf('MaThuTuc', proc.code);
  w.leaf('KyKeKhai', info.period);
  w.leaf('NgayLap', info.createdOn);
  w.leaf('SoLuongFile', String(files.length));
  w.leaf('QuyTrinhISO', '');
  w.open('ToKhais');
  for (const f of files) {
    if (/[\r\n]/.test(f.base64)) throw new Error(`${f.fileName}: Base64 must be on one line`);
    w.open('FileToKhai');
    w.leaf('MaToKhai', f.code);
    w.leaf('MoTaToKhai', f.description);
    w.leaf('TenFile', f.fileName);
    w.leaf('LoaiFile', extension(f.fileName));
    w.leaf('DoDaiFile', String(f.base64.length));
    w.leaf('NoiDungFile', f.base64);
    w.close('FileToKhai');
  }
  w.close('ToKhais');
  w.close('ThongTinHoSo');
  w.close('NoiDung');
  w.leaf('CKy_Dvi', '');
  w.close('Hoso');
}

/** The envelope XML (declaration + canonical root). Pure and deterministic. */
export function buildEnvelope(info: EnvelopeInfo, files: readonly EnvelopeFile[]): string {
  const w = new CanonicalWriter();
  writeEnvelope(info, files, w);
  return w.document();
}

/** Envelope info from a draft (the CLI and the service use it). */
export function envelopeInfoOf(draft: {
  ivan: string;
  period: string;
  createdOn: string;
  unit: EnvelopeInfo['unit'];
}): EnvelopeInfo {
  const u = draft.unit;
  return {
    ivan: { code: draft.ivan },
    unit: {
      name: u.name,
      code: u.code,
      taxCode: u.taxCode,
      signer: u.signer,
      phone: u.phone,
      agencyCode: u.agencyCode,
    },
    period: draft.period,
    createdOn: draft.createdOn,
  };
}
