import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSoftHsmToken, type SoftHsmToken } from '../../support/softhsm';
import { makeTempDir, removeDir } from '../../support/tmp';
import { openSigner, type Signer } from '../../../electron/signing/signer';
import { signXml, signXmlBytes } from '../../../electron/signing/sign-xml';
import { makeSignedDossier } from '../../../electron/signing/make-dossier';
import { verifyDossierXml } from '../../../electron/signing/verify';
import { AppError } from '../../../electron/core/app-error';
import { parseDraft, type Draft } from '../../../shared/draft';
import { buildEnvelope, buildForms, envelopeInfoOf } from '../../../shared/forms';
import { writeTo, xmlsec1Verify } from './oracles';

const TEST_CA = join(process.cwd(), 'resources', 'test-signing', 'test-ca.pem');
const BEFORE_DEADLINE = new Date('2015-10-31T16:59:59Z'); // 23:59:59 Vietnam time, the last valid instant
const AFTER_DEADLINE = new Date('2015-10-31T17:00:00Z');

function fixtureDraft(): Draft {
  const parsed = parseDraft(JSON.parse(readFileSync('tests/unit/declarations/fixtures/draft-issue.json', 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.draft;
}

async function dossier(signer: Signer, now: Date) {
  const draft = fixtureDraft();
  const info = envelopeInfoOf(draft);
  return makeSignedDossier({ forms: buildForms(draft), envelope: (files) => buildEnvelope(info, files) }, signer, now);
}

/** xmlsec1 checks the envelope and every embedded form on its own. */
function xmlsecAll(
  dir: string,
  envelopeXml: string,
  files: { fileName: string; base64: string }[],
  ca: string,
  time?: string,
): void {
  const env = xmlsec1Verify(writeTo(dir, 'BHXHDienTu.xml', envelopeXml), ca, { verificationTime: time });
  expect(env.ok, env.output).toBe(true);
  for (const f of files) {
    const r = xmlsec1Verify(writeTo(dir, f.fileName, Buffer.from(f.base64, 'base64')), ca, { verificationTime: time });
    expect(r.ok, `${f.fileName}: ${r.output}`).toBe(true);
  }
}

describe('dossier signed on a SoftHSM token', () => {
  let token: SoftHsmToken;
  let dir: string;
  beforeAll(async () => {
    token = await createSoftHsmToken({
      label: 'DOSSIER',
      pin: '246810',
      soPin: '13579',
      mst: '2800123452',
      organisation: 'CÔNG TY TNHH MẪU & CỘNG SỰ',
    });
    process.env.SOFTHSM2_CONF = token.conf;
    dir = makeTempDir('kekhai-dossier-');
  });
  afterAll(() => {
    token.cleanup();
    removeDir(dir);
  });

  it('each form signed into Cky, embedded one-line base64, envelope signed into CKy_Dvi; xmlsec1 and our verifier agree', async () => {
    const s = await openSigner({ kind: 'pkcs11', library: token.module, pin: token.pin }, new Date());
    const d = await dossier(s, new Date());
    await s.close();
    expect(d.signer).toBe('CÔNG TY TNHH MẪU & CỘNG SỰ');
    expect(d.mst).toBe('2800123452');
    expect(d.paperCopyRequired).toBe(false);
    expect(d.envelopeXml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(d.envelopeXml).toMatch(
      /<CKy_Dvi><Signature Id="sigid" xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#"><SignedInfo>/,
    );
    for (const f of d.files) {
      expect(f.base64).not.toMatch(/\s/);
      const xml = Buffer.from(f.base64, 'base64').toString('utf8');
      expect(xml).toMatch(/<Cky><Signature Id="sigid" xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">/);
      expect(xml).toContain('<KeyValue><RSAKeyValue><Modulus>');
      expect(xml).toContain('<X509SubjectName>');
      expect(xml).toMatch(
        /<SigningTime xmlns="http:\/\/example\.org\/#signatureProperties">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/SigningTime>/,
      );
    }
    xmlsecAll(dir, d.envelopeXml, d.files, token.files.ca);

    const report = verifyDossierXml(d.envelopeXml, { trustedCaPems: [token.caPem] });
    expect(report.valid, JSON.stringify(report, null, 1)).toBe(true);
    expect(report.files.map((f) => f.name)).toEqual(['BHXHDienTu.xml', ...d.files.map((f) => f.fileName)]);
    for (const f of report.files) {
      expect(f).toMatchObject({
        valid: true,
        digestValid: true,
        signatureValid: true,
        certValidAtSigningTime: true,
        trusted: true,
        mst: '2800123452',
      });
    }
  });

  it('a tampered file (one character of a name changed) fails the digest, and xmlsec1 agrees', async () => {
    const s = await openSigner({ kind: 'pkcs11', library: token.module, pin: token.pin }, new Date());
    const d = await dossier(s, new Date());
    await s.close();
    // In an embedded form: decode, change one letter of the employee's name, re-embed (envelope digest breaks too).
    const form = d.files[0]!;
    const formXml = Buffer.from(form.base64, 'base64').toString('utf8');
    expect(formXml).toContain('Nguyễn Thị Lan');
    const tamperedForm = Buffer.from(formXml.replace('Nguyễn Thị Lan', 'Nguyễn Thị Lam')).toString('base64');
    const tamperedFormReport = verifyDossierXml(Buffer.from(tamperedForm, 'base64'), { name: form.fileName });
    expect(tamperedFormReport.valid).toBe(false);
    expect(tamperedFormReport.files[0]).toMatchObject({ digestValid: false, signatureValid: true });
    expect(tamperedFormReport.files[0]!.reason).toMatch(/đã bị sửa/);
    expect(
      xmlsec1Verify(writeTo(dir, 'tampered-form.xml', Buffer.from(tamperedForm, 'base64')), token.files.ca).ok,
    ).toBe(false);

    // In the envelope itself: the unit name.
    const env = d.envelopeXml.replace('<TenDoiTuong>Công ty TNHH Mẫu', '<TenDoiTuong>Công ty TNHH Mẩu');
    expect(env).not.toBe(d.envelopeXml);
    const r = verifyDossierXml(env);
    expect(r.valid).toBe(false);
    expect(r.files[0]).toMatchObject({ name: 'BHXHDienTu.xml', digestValid: false });
    expect(r.files.slice(1).every((f) => f.valid)).toBe(true);
    expect(xmlsec1Verify(writeTo(dir, 'tampered-env.xml', env), token.files.ca).ok).toBe(false);
  });

  it('byte-mode signing (large forms): self-closing Cky, inherited xml:lang and namespaces, character references', async () => {
    const s = await openSigner({ kind: 'pkcs11', library: token.module, pin: token.pin }, new Date());
    try {
      const xml =
        '<?xml version="1.0" encoding="utf-8"?>\n<D02-TS xml:lang="vi" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><A b="Đặng &#x1EA0;">Đặng &#x1EA0; &amp;</A>\r\n<Cky />\n</D02-TS>\n';
      const signed = await signXmlBytes(Buffer.from(xml, 'utf8'), s, new Date());
      const text = signed.toString('utf8');
      expect(text.startsWith(xml.slice(0, xml.indexOf('<Cky')))).toBe(true);
      expect(text).toMatch(/<Cky><Signature [^]*<\/Signature><\/Cky>\n<\/D02-TS>\n$/);
      const r = xmlsec1Verify(writeTo(dir, 'bytes.xml', signed), token.files.ca);
      expect(r.ok, r.output).toBe(true);
      expect(verifyDossierXml(signed).valid).toBe(true);
      expect(verifyDossierXml(text).valid).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('an envelope builder without DoDaiFile falls back to building the full envelope', async () => {
    const s = await openSigner({ kind: 'pkcs11', library: token.module, pin: token.pin }, new Date());
    try {
      const forms = [
        {
          code: 'D02-TS',
          description: 'Danh sách',
          fileName: 'D02-TS-595.xml',
          xml: '<D02-TS><A>Bình</A><Cky/></D02-TS>',
        },
      ];
      const envelope = (files: { fileName: string; base64: string }[]) =>
        `<Hoso><NoiDung><ThongTinHoSo><ToKhais>${files.map((f) => `<FileToKhai><TenFile>${f.fileName}</TenFile><NoiDungFile>${f.base64}</NoiDungFile></FileToKhai>`).join('')}</ToKhais></ThongTinHoSo></NoiDung><CKy_Dvi/></Hoso>`;
      const d = await makeSignedDossier({ forms, envelope }, s, new Date());
      expect(xmlsec1Verify(writeTo(dir, 'fallback.xml', d.envelopeBytes), token.files.ca).ok).toBe(true);
      expect(verifyDossierXml(d.envelopeBytes).valid).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('kekhai sign semantics: appends to the root when there is no Cky/CKy_Dvi; refuses to sign twice', async () => {
    const s = await openSigner({ kind: 'pkcs11', library: token.module, pin: token.pin }, new Date());
    try {
      const xml = '<?xml version="1.0" encoding="UTF-8"?>\r\n<Mau xmlns:x="urn:x" xml:lang="vi"><x:A>1</x:A>\n</Mau>';
      const signed = await signXml(xml, s, new Date());
      expect(signed.startsWith('<?xml version="1.0" encoding="UTF-8"?>\r\n<Mau')).toBe(true);
      expect(signed).toMatch(/<\/Signature><\/Mau>$/);
      const r = xmlsec1Verify(writeTo(dir, 'root.xml', signed), token.files.ca);
      expect(r.ok, r.output).toBe(true);
      expect(verifyDossierXml(signed).valid).toBe(true);
      await expect(signXml(signed, s, new Date())).rejects.toMatchObject({ code: 'ALREADY_SIGNED' });
    } finally {
      await s.close();
    }
  });
});

describe('the bundled test certificate (valid until 31/10/2015 23:59:59 Vietnam time)', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir('kekhai-testcert-');
  });
  afterAll(() => removeDir(dir));

  it('signs at the last valid instant; the dossier needs a paper copy; xmlsec1 verifies at that time', async () => {
    const s = await openSigner({ kind: 'test-cert', password: 'thunghiem' }, BEFORE_DEADLINE);
    const d = await dossier(s, BEFORE_DEADLINE);
    await s.close();
    expect(d.paperCopyRequired).toBe(true);
    expect(d.mst).toBeNull();
    xmlsecAll(dir, d.envelopeXml, d.files, TEST_CA, '2015-10-31 16:00:00');
    // Signed (the judged time: our SigningTime is signed) and received at the last valid instant.
    const report = verifyDossierXml(d.envelopeXml, {
      trustedCaPems: [readFileSync(TEST_CA, 'utf8')],
      testCertSerials: ['2015103101'],
      now: BEFORE_DEADLINE,
    });
    expect(report.valid).toBe(true);
    expect(report.files.every((f) => f.certValidAtSigningTime && f.paperCopyRequired)).toBe(true);
  });

  it('refuses one second after the deadline, pointing to a USB token', async () => {
    const e = await openSigner({ kind: 'test-cert', password: 'thunghiem' }, AFTER_DEADLINE).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('TEST_CERT_EXPIRED');
    expect((e as AppError).message).toMatch(/31\/10\/2015/);
    expect((e as AppError).message).toMatch(/USB token/);
  });

  it('a wrong password is refused', async () => {
    await expect(openSigner({ kind: 'test-cert', password: 'sai' }, BEFORE_DEADLINE)).rejects.toMatchObject({
      code: 'TEST_CERT_PASSWORD',
    });
  });
});

describe('hostile input to the verifier', () => {
  it('billion laughs and external entities are refused before any expansion', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
      ']><Hoso>&lol9;</Hoso>';
    expect(() => verifyDossierXml(laughs)).toThrow(expect.objectContaining({ code: 'XML_DOCTYPE' }));
    const xxe = '<?xml version="1.0"?><!DOCTYPE Hoso [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Hoso>&xxe;</Hoso>';
    expect(() => verifyDossierXml(xxe)).toThrow(expect.objectContaining({ code: 'XML_DOCTYPE' }));
  });

  it('oversized input is refused unread', () => {
    expect(() => verifyDossierXml(Buffer.alloc(2048, 0x20), { maxBytes: 1024 })).toThrow(
      expect.objectContaining({ code: 'XML_TOO_LARGE' }),
    );
  });

  it('a Reference to anything but the document itself is refused, not fetched', () => {
    const xml =
      '<D02-TS><Cky><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>' +
      '<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI="http://127.0.0.1:9/x"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>AA==</DigestValue></Reference></SignedInfo><SignatureValue>AA==</SignatureValue></Signature></Cky></D02-TS>';
    const r = verifyDossierXml(xml);
    expect(r.valid).toBe(false);
    expect(r.files[0]!.reason).toMatch(/tham chiếu ra ngoài/);
  });

  it('an unsigned file says so', () => {
    const r = verifyDossierXml('<D02-TS><Cky/></D02-TS>');
    expect(r).toMatchObject({ valid: false, files: [{ valid: false, reason: expect.stringMatching(/chưa được ký/) }] });
  });
});
