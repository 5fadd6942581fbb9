import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PLAN_CODES } from '../../../shared/codes/plans';
import { draftSchema } from '../../../shared/draft/schema';
import { buildForms } from '../../../shared/forms/build';
import { D02_ROW_FIELDS } from '../../../shared/forms/d02';
import { buildEnvelope, envelopeInfoOf } from '../../../shared/forms/envelope';
import { baseDraft, exampleRow, tmRow } from '../../unit/declarations/fixtures/make-draft';

const XSD = join(process.cwd(), 'resources', 'xsd');
const dir = mkdtempSync(join(tmpdir(), 'kekhai-xsd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `xmllint --noout --schema` as the oracle. */
function xsdValidate(xml: string, name: string, schema: string): { ok: boolean; out: string } {
  const f = join(dir, name);
  writeFileSync(f, xml, 'utf8');
  const r = spawnSync('xmllint', ['--noout', '--schema', join(XSD, schema), f], { encoding: 'utf8' });
  return { ok: r.status === 0, out: r.stderr };
}

/** Child element names of the first `<tag>` (direct children only), in order. */
function childNames(xml: string, tag: string): string[] {
  const start = xml.indexOf(`<${tag}>`) + tag.length + 2;
  const end = xml.indexOf(`</${tag}>`, start);
  const names: string[] = [];
  let depth = 0;
  for (const m of xml.slice(start, end).matchAll(/<(\/?)([A-Za-z_][\w.-]*)>/g)) {
    if (m[1]) depth--;
    else {
      if (depth === 0) names.push(m[2]!);
      depth++;
    }
  }
  return names;
}

// Reference §1.3, from the real signed D02-TS-595.xml (05/2023): the contract of this domain.
const REFERENCE_D02_ROW =
  'STT HoTen MasoBHXH ChucVu NoiLamViec TienLuong PhuCapCV PhuCapTNVK PhuCapTNNghe PhuCapLuong PhuCapBosung TuThang DenThang Ghichu PA TyleDong TinhLai DaCoSo MucHuong MaPhongBan MavungSS MavungLTT ID Loai CoGiamChet NgayChet NgaySinh GioiTinh CMND Vtvl_nql_tungay Vtvl_nql_denngay Vtvl_cmktbc_tungay Vtvl_cmktbc_denngay Vtvl_cmktbt_tungay Vtvl_cmktbt_denngay Vtvl_khac_tungay Vtvl_khac_denngay Nndh_tungay Nndh_denngay Hdld_tungay Hdld_xdth_tungay Hdld_xdth_denngay Hdld_khac_tungay Hdld_khac_denngay'.split(
    ' ',
  );
const REFERENCE_TK1_ROW =
  'STT HoTen NgaySinh GioiTinh QuocTich DanToc Matinh_KS Mahuyen_KS Maxa_KS Diachi_NN Matinh_NN Mahuyen_NN Maxa_NN Ten_ChaMe_Giamho MasoBHXH Dienthoai_LH CMND Maho_Giadinh Mucdong Phuongthuc MaTinhBenhVien MaBenhVien Noidung_Thaydoi HosoKemtheo CCNS ID Diachi_KS Email_LH PhuLuc'.split(
    ' ',
  );

describe('produced files against the XSDs (xmllint --schema)', () => {
  const rows = [
    ...PLAN_CODES.map((p) => exampleRow(p)),
    tmRow({ idNumber: '038190054321', fromMonth: '08/2015', personalChanges: 'Đổi họ tên' }),
  ];
  const draft = draftSchema.parse(baseDraft('10/2015', rows));
  const forms = buildForms(draft);

  it('builds the three forms for a draft with every phương án, new participants and a late row', () => {
    expect(forms.map((f) => f.code)).toEqual(['D02-TS', 'TK1-TS', 'D01-TS']);
  });

  it.each(['D02-TS', 'TK1-TS', 'D01-TS'])('%s validates against its XSD', (code) => {
    const f = forms.find((x) => x.code === code)!;
    const r = xsdValidate(f.xml, f.fileName, `${code}.xsd`);
    expect(r.out).toContain('validates');
    expect(r.ok).toBe(true);
  });

  it('carries exactly the element names and order of the reference', () => {
    const d02 = forms[0]!.xml;
    expect([...D02_ROW_FIELDS]).toEqual(REFERENCE_D02_ROW);
    expect(childNames(d02, 'D02-TS')).toEqual(['ThongTinKhac', 'NoiDung', 'Cky']);
    expect(childNames(d02, 'ThongTinKhac')).toEqual(['SoToBiaSoBHXH', 'SoToRoiSoBHXH', 'SoTheBHYT']);
    expect(childNames(d02, 'LaoDong')).toEqual(REFERENCE_D02_ROW);
    expect(childNames(forms[1]!.xml, 'LaoDong')).toEqual(REFERENCE_TK1_ROW);
    expect(childNames(forms[2]!.xml, 'NoiDung')).toEqual(['TenBangKe', 'KemTheo', 'BangKe']);
    expect(childNames(forms[2]!.xml, 'ThongTin')).toEqual(
      'STT HoTen MasoBHXH TenLoaiVanBan SoVanBan NgayBanHanh NgayHieuLuc CoQuanBanHanh TrichYeu NoiDungThamDinh'.split(
        ' ',
      ),
    );
  });

  it('the envelope validates, with DoDaiFile = length of the one-line Base64', () => {
    const files = forms.map((f) => ({
      code: f.code,
      description: f.description,
      fileName: f.fileName,
      base64: Buffer.from(f.xml, 'utf8').toString('base64'),
    }));
    const env = buildEnvelope(envelopeInfoOf(draft), files);
    const r = xsdValidate(env, 'BHXHDienTu.xml', 'Hoso.xsd');
    expect(r.ok, r.out).toBe(true);
    expect(childNames(env, 'Hoso')).toEqual(['NoiDung', 'CKy_Dvi']);
    expect(childNames(env, 'NoiDung')).toEqual(['ThongTinIVAN', 'ThongTinDonVi', 'ThongTinHoSo']);
    expect(childNames(env, 'ThongTinHoSo')).toEqual([
      'TenThuTuc',
      'MaThuTuc',
      'KyKeKhai',
      'NgayLap',
      'SoLuongFile',
      'QuyTrinhISO',
      'ToKhais',
    ]);
    expect(childNames(env, 'FileToKhai')).toEqual([
      'MaToKhai',
      'MoTaToKhai',
      'TenFile',
      'LoaiFile',
      'DoDaiFile',
      'NoiDungFile',
    ]);
    expect(env).toContain(
      '<MaThuTuc>600</MaThuTuc><KyKeKhai>10/2015</KyKeKhai><NgayLap>15/10/2015</NgayLap><SoLuongFile>3</SoLuongFile>',
    );
    expect(env).toContain(
      `<DoDaiFile>${files[0]!.base64.length}</DoDaiFile><NoiDungFile>${files[0]!.base64}</NoiDungFile>`,
    );
    expect(env).toContain('<MaIVAN>00001</MaIVAN><TenIVAN>Công Ty Cổ Phần TS24</TenIVAN>');
  });

  it('the XSD is a real oracle: it rejects a file with a wrong element order', () => {
    const bad = forms[0]!.xml.replace('<PA>', '<PAX>').replace('</PA>', '</PAX>');
    expect(xsdValidate(bad, 'bad.xml', 'D02-TS.xsd').ok).toBe(false);
  });
});
