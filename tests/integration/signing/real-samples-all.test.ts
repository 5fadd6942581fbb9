/**
 * Every dossier file of the public ERS repository (5310101/ERS_EbhRemoteSigning, commit e88cca3; inventory in
 * tests/fixtures/real/README.md) against our code: the verifier agrees with `xmlsec1 --enabled-key-data x509` on each
 * signature, our XSDs and envelope reader read them, and the D02-TS/TK1-TS/envelope our builder makes from the real
 * values has the real shape — every difference that remains is listed here with its reason (docs/DEVELOPING.md
 * "Real files from other software"). No CA of these files is trusted, so xmlsec1 runs with `--insecure` (as
 * real-samples.test.ts) and our verdicts are "intact but untrusted" at best.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { verifyDossierXml } from '../../../electron/signing/verify';
import { readDossier, readSignedXml } from '../../../shared/dossier/read';
import { readEnvelope } from '../../../shared/ivan/envelope-read';
import { createSoftHsmToken, type SoftHsmToken } from '../../support/softhsm';
import { runCli } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { writeTo } from './oracles';
import { content, signatureShape, style } from './xml-shape';

const REAL = join(process.cwd(), 'tests', 'fixtures', 'real');
const XSD = join(process.cwd(), 'resources', 'xsd');
const real = (name: string) => readFileSync(join(REAL, name));
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

let dir: string;
beforeAll(() => {
  dir = makeTempDir('kekhai-real-all-');
});
afterAll(() => removeDir(dir));

/** xmlsec1 on the bytes as they are: raw key check, no chain (we have neither CA2's nor VNPT SmartCA's root). */
function xmlsec1(name: string, bytes: Buffer | string): { ok: boolean; out: string } {
  const r = spawnSync('xmlsec1', ['--verify', '--enabled-key-data', 'x509', '--insecure', writeTo(dir, name, bytes)], {
    encoding: 'utf8',
  });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

function xmllint(name: string, bytes: Buffer | string, schema: string): { ok: boolean; out: string } {
  const r = spawnSync('xmllint', ['--noout', '--schema', join(XSD, schema), writeTo(dir, name, bytes)], {
    encoding: 'utf8',
  });
  return { ok: r.status === 0, out: r.stderr };
}

/**
 * The `#SigningTime-…` Reference's digest and the digest of its Object canonicalised on its own (`xmllint --c14n` of the
 * Object as a document, with the XML-DSig default namespace it inherits): what a signer that digests the Signature
 * before inserting it into the form (.NET SignedXml) computes.
 */
function signingTimeDigests(xml: string): { signed: string; detached: string } {
  const object = /<Object Id="(SigningTime-[^"]+)"( xmlns="[^"]+")?>.*?<\/Object>/s.exec(xml)!;
  const alone = object[2]
    ? object[0]
    : object[0].replace('<Object ', '<Object xmlns="http://www.w3.org/2000/09/xmldsig#" ');
  const c14n = spawnSync('xmllint', ['--c14n', writeTo(dir, 'object.xml', alone)]);
  expect(c14n.status, c14n.stderr.toString()).toBe(0);
  const signed = new RegExp(`<Reference URI="#${object[1]}">.*?<DigestValue>([^<]+)<`, 's').exec(xml)![1]!;
  return { signed, detached: createHash('sha256').update(c14n.stdout).digest('base64') };
}

/** Thái Sơn's SmartCA signer puts an unsigned `<Object xmlns="">` (no namespace) in the Signature; this drops it. */
const withoutForeignObject = (b: Buffer) =>
  Buffer.from(b.toString('latin1').replace(/<Object Id="[^"]*" xmlns="">.*?<\/Object>/s, ''), 'latin1');

describe('our verifier and xmlsec1 agree on every real signature', () => {
  it('D02-TS / TK1-TS (CA2 test certificate, 05/2023): intact, untrusted; xmlsec1 OK', () => {
    for (const name of ['ers-D02-TS-595.xml', 'ers-TK1-TS-595.xml']) {
      const r = verifyDossierXml(real(name), { name, now: new Date('2023-05-18T08:00:00Z') });
      expect(r, name).toMatchObject({ valid: true, trusted: false });
      expect(xmlsec1(name, real(name))).toMatchObject({ ok: true });
    }
  });

  it('BHXHDienTu.xml and its M01B-HSB (VNPT SmartCA, 09/2024): <Object xmlns=""> — both refuse; without it both accept', () => {
    const env = real('ers-BHXHDienTu.xml');
    const now = new Date('2024-09-26T10:00:00Z');
    const r = verifyDossierXml(env, { name: 'BHXHDienTu.xml', now });
    expect(r.valid).toBe(false);
    // The digest and the RSA value are right: only the structure is refused, named in the reason.
    expect(r.files[0]).toMatchObject({ state: 'invalid', digestValid: true, signatureValid: true, mst: '0101300842' });
    expect(r.files[0]!.reason).toMatch(/<Object> trong <Signature> không thuộc không gian tên XML-DSig \(xmlns=""\)/);
    const sec = xmlsec1('env.xml', env);
    expect(sec.ok).toBe(false);
    expect(sec.out).toMatch(/unexpected node:node=Object/);
    // The same bytes without that unsigned node: xmlsec1 OK, ours intact-but-untrusted (agreement both ways); the
    // embedded M01B-HSB, signed the same way, stays refused.
    expect(xmlsec1('env-fixed.xml', withoutForeignObject(env))).toMatchObject({ ok: true });
    const fixed = verifyDossierXml(withoutForeignObject(env), { name: 'BHXHDienTu.xml', now });
    expect(fixed.files.map((f) => [f.name, f.state])).toEqual([
      ['BHXHDienTu.xml', 'untrusted'],
      ['test.pdf', 'untrusted'],
      ['M01B-HSB.xml', 'invalid'],
    ]);

    const form = Buffer.from(readEnvelope(env.toString('latin1'), { latin1: true }).forms[1]!.base64, 'base64');
    const f = verifyDossierXml(form, { name: 'M01B-HSB.xml', now });
    expect(f.files[0]).toMatchObject({ state: 'invalid', digestValid: true, signatureValid: true });
    expect(xmlsec1('m01b.xml', form).out).toMatch(/unexpected node:node=Object/);
    expect(xmlsec1('m01b-fixed.xml', withoutForeignObject(form))).toMatchObject({ ok: true });
    expect(verifyDossierXml(withoutForeignObject(form), { name: 'M01B-HSB.xml', now }).files[0]).toMatchObject({
      state: 'untrusted',
    });
  });

  it('M01B-HSB signing its SigningTime (13082f17): both refuse the second Reference — digested without the root’s namespaces', () => {
    const bytes = real('ers-M01B-HSB-signed-time.xml');
    const r = verifyDossierXml(bytes, { name: 'M01B-HSB.xml', now: new Date('2024-09-24T10:00:00Z') });
    expect(r.valid).toBe(false);
    expect(r.files[0]!.reason).toMatch(
      /Mã băm phần thời điểm ký \(SigningTime\) không khớp theo chuẩn XML-DSig: phần mềm ký đã tính nó khi chữ ký chưa gắn vào tệp/,
    );
    // A SigningTime really changed matches neither form: told as tampering.
    const edited = Buffer.from(
      bytes.toString('latin1').replace('2024-09-24T14:27:15', '2024-09-20T14:27:15'),
      'latin1',
    );
    expect(verifyDossierXml(edited, { name: 'M01B-HSB.xml' }).files[0]!.reason).toMatch(
      /SigningTime\) không khớp: đã bị sửa sau khi ký/,
    );
    const sec = xmlsec1('m01b-time.xml', bytes);
    expect(sec.ok).toBe(false);
    expect(sec.out).toMatch(/SignedInfo References \(ok\/all\): 1\/2/);
    // Why: inclusive C14N of the Object in the document carries the root's xmlns:xsd/xmlns:xsi; the signer digested it
    // detached from the document (.NET SignedXml computes before the Signature is inserted), without them.
    const d = signingTimeDigests(bytes.toString('utf8'));
    expect(d.detached).toBe(d.signed);
  });

  it('the pre-signature copies in the repository’s JSON requests (empty <SignatureValue>): both refuse', () => {
    // TempHoSo/13082f17-…/11e7fc3a-….json `TempData` is this file with `<SignatureValue></SignatureValue>`.
    const bytes = Buffer.from(
      real('ers-M01B-HSB-signed-time.xml')
        .toString('latin1')
        .replace(/<SignatureValue>[^<]*</, '<SignatureValue><'),
      'latin1',
    );
    const r = verifyDossierXml(bytes, { name: 'M01B-HSB.xml', now: new Date('2024-09-24T10:00:00Z') });
    expect(r.files[0]).toMatchObject({ state: 'invalid', signatureValid: false });
    expect(r.files[0]!.reason).toMatch(/Thiếu giá trị chữ ký/);
    expect(xmlsec1('m01b-presign.xml', bytes).ok).toBe(false);
  });

  it('the unsigned M01B-HSB template (28873aad): both say unsigned', () => {
    const bytes = real('ers-M01B-HSB-unsigned.xml');
    expect(verifyDossierXml(bytes, { name: 'M01B-HSB.xml' }).files[0]!.reason).toMatch(/chưa được ký số/);
    expect(xmlsec1('m01b-unsigned.xml', bytes).ok).toBe(false);
    expect(readSignedXml(bytes.toString('utf8')).rows).toHaveLength(1);
  });
});

describe('kekhai verify (the built CLI) on every real file, judged when it was signed', () => {
  const cases: [string, string, boolean, RegExp][] = [
    ['ers-D02-TS-595.xml', '2023-05-18T08:00:00Z', true, /chưa xác minh được tổ chức cấp/],
    ['ers-TK1-TS-595.xml', '2023-05-18T08:00:00Z', true, /chưa xác minh được tổ chức cấp/],
    ['ers-BHXHDienTu.xml', '2024-09-26T10:00:00Z', false, /không thuộc không gian tên XML-DSig/],
    ['ers-M01B-HSB-signed-time.xml', '2024-09-24T10:00:00Z', false, /SigningTime\) không khớp/],
    ['ers-M01B-HSB-unsigned.xml', '2024-09-24T10:00:00Z', false, /chưa được ký số/],
  ];
  it('intact (exit 1: untrusted) exactly where xmlsec1 verifies, with the reason named', async () => {
    for (const [name, now, intact, reason] of cases) {
      const r = await runCli(['verify', join(REAL, name), '--json', '--now', now], { data: join(dir, 'verify-data') });
      expect(r.code, name).toBe(1);
      expect(r.json.files[0], name).toMatchObject({ state: intact ? 'untrusted' : 'invalid', reason });
      expect(xmlsec1(name, real(name)).ok, name).toBe(intact);
    }
  }, 30_000);

  it('children of <Signature> out of XML-DSig order: both refuse (a real D02-TS with SignatureValue after KeyInfo)', () => {
    const text = real('ers-D02-TS-595.xml').toString('latin1');
    const value = /<SignatureValue>[^<]*<\/SignatureValue>/.exec(text)![0];
    const moved = Buffer.from(text.replace(value, '').replace('</KeyInfo>', `</KeyInfo>${value}`), 'latin1');
    const r = verifyDossierXml(moved, { name: 'D02-TS-595.xml', now: new Date('2023-05-18T08:00:00Z') });
    expect(r.files[0]).toMatchObject({ state: 'invalid', digestValid: true, signatureValid: true });
    expect(r.files[0]!.reason).toMatch(/sai thứ tự chuẩn XML-DSig .*: SignedInfo KeyInfo SignatureValue Object/);
    expect(xmlsec1('moved.xml', moved).ok).toBe(false);
  });
});

describe('our XSDs on the real files (xmllint --schema)', () => {
  it('D02-TS and TK1-TS validate; the envelope only for its test-system agency code "903" (5 digits elsewhere)', () => {
    expect(xmllint('d02.xml', real('ers-D02-TS-595.xml'), 'D02-TS.xsd')).toMatchObject({ ok: true });
    expect(xmllint('tk1.xml', real('ers-TK1-TS-595.xml'), 'TK1-TS.xsd')).toMatchObject({ ok: true });
    const env = real('ers-BHXHDienTu.xml');
    const refused = xmllint('env.xml', env, 'Hoso.xsd');
    expect(refused.ok).toBe(false);
    // One complaint only, and it is that code: everything else of the real envelope is what our XSD describes.
    expect(refused.out.trim().split('\n')).toEqual([
      expect.stringMatching(/Element 'CoQuanQuanLy': \[facet 'pattern'\] The value '903' is not accepted/),
      expect.stringMatching(/fails to validate/),
    ]);
    const padded = env.toString('latin1').replace('<CoQuanQuanLy>903<', '<CoQuanQuanLy>00903<');
    expect(xmllint('env-00903.xml', Buffer.from(padded, 'latin1'), 'Hoso.xsd')).toMatchObject({ ok: true });
  });
});

describe('our envelope reader on the real BHXHDienTu.xml', () => {
  it('unit, agency, period, procedure, the two embedded files decoded byte for byte', () => {
    const env = readEnvelope(real('ers-BHXHDienTu.xml').toString('latin1'), { latin1: true });
    expect(env).toMatchObject({
      kind: 'dossier',
      ivanCode: '00040',
      unitCode: 'TS12345',
      unitName: 'ThaiSonEBH',
      agencyCode: '903',
      period: '09/2024',
      procedure: '000',
      signed: true,
    });
    expect(env.forms.map((f) => [f.code, f.fileName, f.root, f.rows?.length])).toEqual([
      ['CT-DK', 'test.pdf', '', 0],
      ['.xml', 'M01B-HSB.xml', 'M01B-HSB', 1],
    ]);
    // DoDaiFile is the Base64 length (112556 and 6256 in the file); the decoded bytes are the repository's own files:
    // TempHoSo/525eb88a-…/test.pdf (84416 B) and TempHoSo/525eb88a-…/M01B-HSB.xml.
    const [pdf, m01b] = env.forms.map((f) => Buffer.from(f.base64, 'base64'));
    expect([env.forms[0]!.base64.length, env.forms[1]!.base64.length]).toEqual([112556, 6256]);
    expect(pdf!.length).toBe(84416);
    expect(pdf!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256(pdf!)).toBe('4bc8074e1d5aaa8d07409d2d23ccc306063650cc80537046faf218267c3e31d9');
    expect(sha256(m01b!)).toBe('10c18e822e03799e35f70b8ec600dffcec6305f390379a8a9a3988a146cc76f7');
    expect(env.forms[1]!.rows![0]).toMatchObject({ MaNhomHuong: 'T12', SoBHXH: '1111111111', TuNgay: '17/11/2023' });
    // SoLuongFile states the count: 2 here, as the FileToKhai (the verifier compares them, test below).
    expect(readDossier(real('ers-BHXHDienTu.xml').toString('latin1'), { latin1: true }).declaredFileCount).toBe('2');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The shape our builder writes against the real one (xml-shape.ts).

/** The real D02-TS/TK1-TS values as a draft (unit of the envelope's test company; TK1 fields from the real TK1-TS). */
const REAL_VALUES_DRAFT = {
  format: 'kekhai-draft/1',
  procedure: '600',
  period: '05/2023',
  batch: 1,
  createdOn: '18/05/2023',
  ivan: '00040',
  unit: {
    code: 'TS12345',
    name: 'CÔNG TY TNHH THÁI SƠN Test',
    taxCode: '0101300842',
    agencyCode: '00903',
    phone: '0909019211',
    signer: 'QuanNguyenA',
    wageRegion: '01',
  },
  rows: [
    {
      plan: 'TM',
      fullName: 'Nguyễn Hoàng Anh',
      insuranceNo: '2220037811',
      birthDate: '26/04/1995',
      gender: 'M',
      idNumber: '022095005270',
      nationality: 'VN',
      ethnicity: '01',
      position: 'dfsfd',
      workplace: 'sfdsdf',
      salary: 5_008_000,
      fromMonth: '05/2023',
      toMonth: '',
      wageRegion: '01',
      note: 'Số VB:sdfdsf,ngày 11/05/2023,Tăng mới,Số sổ BHXH: 2220037811,Nơi KCB ban đầu:Công ty cổ phần Bệnh viện Giao thông vận tải',
      birthPlace: { province: '22', district: '193', ward: '06685' },
      residence: {
        address: ', Phường Trần Hưng Đạo , Thành phố Hạ Long , Tỉnh Quảng Ninh',
        province: '22',
        district: '193',
        ward: '06685',
      },
      phone: '1432',
      hospital: { province: '01', code: '010' },
      // Our TK1-TS has an entry only for a person without a mã số or with changed data (tk1.ts needsTk1).
      personalChanges: 'Tăng mới',
    },
  ],
};

describe('the shape our builder writes (kekhai dossier make) against the real files', () => {
  let token: SoftHsmToken;
  let ours: { envelope: Buffer; d02: Buffer; tk1: Buffer };
  beforeAll(async () => {
    token = await createSoftHsmToken({
      label: 'ERS SHAPE',
      pin: '654321',
      soPin: '123456',
      mst: '0101300842',
      organisation: 'CÔNG TY TNHH THÁI SƠN Test',
      notBefore: new Date('2023-01-01T00:00:00Z'),
      notAfter: new Date('2024-12-31T00:00:00Z'),
    });
    const draft = writeTo(dir, 'draft.json', JSON.stringify(REAL_VALUES_DRAFT));
    const out = join(dir, 'BHXHDienTu.xml');
    const r = await runCli(
      [
        'dossier',
        'make',
        draft,
        '--out',
        out,
        '--pkcs11',
        token.module,
        '--pin-env',
        'KEKHAI_PIN',
        '--now',
        '2023-05-18T08:00:00Z',
      ],
      { data: join(dir, 'data'), env: { ...token.env, KEKHAI_PIN: token.pin } },
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const envelope = readFileSync(out);
    const forms = readEnvelope(envelope.toString('latin1'), { latin1: true }).forms;
    const form = (code: string) => Buffer.from(forms.find((f) => f.code === code)!.base64, 'base64');
    ours = { envelope, d02: form('D02-TS'), tk1: form('TK1-TS') };
  }, 60_000);
  afterAll(() => token?.cleanup());

  it('D02-TS: the same elements, order, values, number and date formats as the real file', () => {
    expect(content(ours.d02.toString('utf8'))).toEqual(content(real('ers-D02-TS-595.xml').toString('utf8')));
  });

  it('TK1-TS: the same elements, order and values but Noidung_Thaydoi (the clerk’s text here, composed there)', () => {
    const mine = content(ours.tk1.toString('utf8'));
    const theirs = content(real('ers-TK1-TS-595.xml').toString('utf8'));
    expect(mine.filter((l) => !theirs.includes(l))).toEqual(['TK1-TS/NoiDung/LaoDong/Noidung_Thaydoi=Tăng mới']);
    expect(theirs.filter((l) => !mine.includes(l))).toEqual(['TK1-TS/NoiDung/LaoDong/Noidung_Thaydoi=Tăng mới, ']);
    expect(mine.map((l) => l.split('=')[0])).toEqual(theirs.map((l) => l.split('=')[0]));
  });

  it('envelope: the same elements in the same order (values are another dossier’s); DoDaiFile = Base64 length in both', () => {
    const names = (xml: string) =>
      content(xml)
        .map((l) => l.split('=')[0]!)
        .filter((p, i, all) => !p.includes('/FileToKhai/') || all.indexOf(p) === i);
    const mine = ours.envelope.toString('utf8');
    const theirs = real('ers-BHXHDienTu.xml').toString('utf8');
    expect(names(mine)).toEqual(names(theirs));
    for (const xml of [mine, theirs])
      for (const m of xml.matchAll(/<DoDaiFile>(\d+)<\/DoDaiFile><NoiDungFile>([^<]*)</g))
        expect(Number(m[1])).toBe(m[2]!.length);
  });

  it('byte-level style: the differences we keep (BOM, xmlns:xsi/xsd, empty-element form) and the ones we share', () => {
    const realForm = {
      declaration: '<?xml version="1.0" encoding="utf-8"?>',
      afterDeclaration: '"<"',
      lineEnds: 'none',
    };
    const xsiXsd = ['xmlns:xsi', 'xmlns:xsd'];
    // Real forms: BOM (CA2 signer; the SmartCA-signed form inside the real envelope has none), xsi/xsd declared,
    // `<X />` (.NET XmlWriter). Ours: canonical form (toolchain notes §3 option C) — no BOM, nothing declared, `<X></X>`.
    expect(style(real('ers-D02-TS-595.xml'))).toEqual({
      ...realForm,
      bom: true,
      rootAttributes: xsiXsd,
      empties: ['<X />'],
    });
    expect(style(real('ers-TK1-TS-595.xml'))).toEqual({
      ...realForm,
      bom: true,
      rootAttributes: xsiXsd,
      empties: ['<X />'],
    });
    expect(style(real('ers-BHXHDienTu.xml'))).toEqual({
      ...realForm,
      bom: false,
      rootAttributes: xsiXsd,
      empties: ['<X />'],
    });
    for (const b of [ours.d02, ours.tk1, ours.envelope])
      expect(style(b)).toEqual({ ...realForm, bom: false, rootAttributes: [], empties: ['<X></X>'] });
  });

  it('SoLuongFile that is not the number of FileToKhai: the signed envelope is refused with both numbers', async () => {
    const unsigned = ours.envelope
      .toString('utf8')
      .replace(/<CKy_Dvi>.*<\/CKy_Dvi>/s, '<CKy_Dvi></CKy_Dvi>')
      .replace('<SoLuongFile>2</SoLuongFile>', '<SoLuongFile>3</SoLuongFile>');
    const out = join(dir, 'count.xml');
    const env = { ...token.env, KEKHAI_PIN: token.pin };
    const args = ['--pkcs11', token.module, '--pin-env', 'KEKHAI_PIN', '--now', '2023-05-18T08:00:00Z'];
    const r = await runCli(['sign', writeTo(dir, 'count-in.xml', unsigned), '--out', out, ...args], {
      data: join(dir, 'data'),
      env,
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(xmlsec1('count.xml', readFileSync(out)).ok).toBe(true);
    const v = verifyDossierXml(readFileSync(out), { name: 'BHXHDienTu.xml', now: new Date('2023-05-18T09:00:00Z') });
    expect(v.files[0]).toMatchObject({ state: 'invalid', digestValid: true, signatureValid: true });
    expect(v.files[0]!.reason).toBe('SoLuongFile (3) khác số tệp trong hồ sơ (2 FileToKhai)');
    // The forms inside are judged on their own signatures.
    expect(v.files.slice(1).map((f) => f.state)).toEqual(['untrusted', 'untrusted']);
  });

  it('signature: the real CA2 profile plus our signed SigningTime (a second Reference, the Object’s Id)', () => {
    const mine = signatureShape(ours.d02.toString('utf8'));
    const theirs = signatureShape(real('ers-D02-TS-595.xml').toString('utf8'));
    expect(mine.filter((l) => !theirs.includes(l))).toEqual(['Signature/Object[Id]']);
    expect(theirs.filter((l) => !mine.includes(l))).toEqual(['Signature/Object[]']);
    // The second Reference repeats the paths of the first: counted, not listed.
    const refs = (s: string[]) => s.filter((l) => l.startsWith('Signature/SignedInfo/Reference[')).length;
    expect([refs(mine), refs(theirs)]).toEqual([2, 1]);
    // Our forms declare no namespace on the root, so the Object's digest is the same in the document (standard,
    // xmlsec1) and detached (how the eBH signer of ers-M01B-HSB-signed-time.xml computed it): both verifiers agree.
    const d = signingTimeDigests(ours.d02.toString('utf8'));
    expect(d.detached).toBe(d.signed);
    expect(xmlsec1('ours-d02.xml', ours.d02).out).toMatch(/SignedInfo References \(ok\/all\): 2\/2/);
    // The SmartCA envelope's signature against ours: its Object outside XML-DSig holds SignatureProperty directly, and it
    // declares XML-DSig again on RSAKeyValue (harmless).
    const envMine = signatureShape(ours.envelope.toString('utf8'));
    const envTheirs = signatureShape(real('ers-BHXHDienTu.xml').toString('utf8'));
    expect(envMine.filter((l) => !envTheirs.includes(l))).toEqual([
      'Signature/KeyInfo/KeyValue/RSAKeyValue[]',
      'Signature/Object[Id]',
      'Signature/Object/SignatureProperties[Id xmlns]',
      'Signature/Object/SignatureProperties/SignatureProperty[Target]',
      'Signature/Object/SignatureProperties/SignatureProperty/SigningTime[xmlns]',
    ]);
    expect(envTheirs.filter((l) => !envMine.includes(l))).toEqual([
      'Signature/KeyInfo/KeyValue/RSAKeyValue[xmlns]',
      'Signature/Object[Id xmlns]',
      'Signature/Object/SignatureProperty[Target]',
      'Signature/Object/SignatureProperty/SigningTime[xmlns]',
    ]);
  });
});
