/** The one dossier reader (issue #12 item 1): fixed paths only, nothing from elsewhere, each refusal named. */
import { describe, expect, it } from 'vitest';
import { readDossier, readSignedXml } from '../../../shared/dossier/read';
import { readEnvelope } from '../../../shared/ivan/envelope-read';
import { buildRegistrationXml } from '../../../shared/ivan/registration';

const HOSO = (inner: string, tail = '<CKy_Dvi/>') =>
  `<?xml version="1.0" encoding="utf-8"?><Hoso>${inner}${tail}</Hoso>`;
const DONVI = '<ThongTinDonVi><MaSoBHXH>TS12345</MaSoBHXH><CoQuanQuanLy>07906</CoQuanQuanLy></ThongTinDonVi>';

describe('fixed paths', () => {
  it('reads the unit code at Hoso/NoiDung/ThongTinDonVi/MaSoBHXH only', () => {
    expect(readDossier(HOSO(`<NoiDung>${DONVI}</NoiDung>`)).unitCode).toBe('TS12345');
    // The same element anywhere else is not the unit code (the old reader took the first match in the file).
    expect(
      readDossier(HOSO(`<NoiDung><ThongTinIVAN><MaSoBHXH>XX99999</MaSoBHXH></ThongTinIVAN></NoiDung>`)).unitCode,
    ).toBeNull();
    expect(readDossier(HOSO(`<MaSoBHXH>XX99999</MaSoBHXH><NoiDung>${DONVI}</NoiDung>`)).unitCode).toBe('TS12345');
    // A namespaced look-alike is another element.
    expect(
      readDossier(
        HOSO(`<NoiDung><ThongTinDonVi><x:MaSoBHXH xmlns:x="urn:x">XX99999</x:MaSoBHXH></ThongTinDonVi></NoiDung>`),
      ).unitCode,
    ).toBeNull();
  });

  it('takes forms only from Hoso/NoiDung/ThongTinHoSo/ToKhais/FileToKhai', () => {
    const file =
      '<FileToKhai><MaToKhai>D02-TS</MaToKhai><TenFile>x.pdf</TenFile><LoaiFile>.pdf</LoaiFile><NoiDungFile>QUJD</NoiDungFile></FileToKhai>';
    expect(
      readDossier(HOSO(`<NoiDung><ThongTinHoSo><ToKhais>${file}</ToKhais></ThongTinHoSo></NoiDung>`)).files,
    ).toHaveLength(1);
    expect(readDossier(HOSO(`<NoiDung><ToKhais>${file}</ToKhais></NoiDung>`)).files).toHaveLength(0);
  });

  it('registration forms: MA_DVI and MA_IVAN of TTDVI, not the new provider of form 05', () => {
    const xml = buildRegistrationXml({
      form: '05',
      place: 'Hà Nội',
      date: '20/10/2015',
      unitName: 'Công ty TNHH Mẫu',
      unitCode: 'TS12345',
      address: 'Hà Nội',
      email: 'a@b.vn',
      phone: '0912345678',
      procedures: ['600'],
      ivanCode: '00040',
      ivanName: 'Thái Sơn',
      certificate: { serial: '01', subject: 'CN=X', notBefore: '01/01/2015', notAfter: '31/12/2016' },
      reasons: [7],
      newIvan: { code: '00099', name: 'Khác' },
    } as Parameters<typeof buildRegistrationXml>[0]);
    const f = readEnvelope(xml);
    expect(f).toMatchObject({
      kind: 'registration',
      unitCode: 'TS12345',
      ivanCode: '00040',
      registrationForm: expect.stringMatching(/-IVAN$/),
    });
  });

  it('says where the signature sits', () => {
    expect(readEnvelope(HOSO(`<NoiDung>${DONVI}</NoiDung>`)).signed).toBe(false);
    const sig = '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/></Signature>';
    expect(readEnvelope(HOSO(`<NoiDung>${DONVI}</NoiDung>`, `<CKy_Dvi>${sig}</CKy_Dvi>`)).signed).toBe(true);
    expect(readEnvelope(HOSO(`<NoiDung>${DONVI}<X>${sig}</X></NoiDung>`)).signed).toBe(false);
  });
});

describe('refusals name the element, line and column', () => {
  it('a duplicate, foreign content in a Signature, a comment', () => {
    expect(() => readSignedXml('<D02-TS>\n<NoiDung/>\n<NoiDung/></D02-TS>')).toThrow(
      /Thẻ <NoiDung> lặp lại trong <D02-TS>.*dòng 3, cột 1/,
    );
    expect(() =>
      readSignedXml(
        '<D02-TS><Cky><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><Object><LaoDong/></Object></Signature></Cky></D02-TS>',
      ),
    ).toThrow(/thẻ lạ <LaoDong>/);
    expect(() => readSignedXml('<D02-TS><!-- x --></D02-TS>')).toThrow(/chú thích/);
  });
});
