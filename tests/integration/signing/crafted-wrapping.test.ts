/**
 * Signature wrapping and stray signatures, on a real dossier signed with the test certificate and then tampered
 * (no key needed). The enveloped-signature transform leaves the Signature out of the digest wherever it sits, so a
 * Signature moved out of `<CKy_Dvi>`/`<Cky>` still verifies for xmlsec1: the verifier refuses it by position. Moving
 * the signed content (into an Object, beside or inside a second `Hoso`), duplicating an Id, or adding a second
 * Signature is refused too. xmlsec1 (X.509 checked, test CA trusted) says which files are intact XML-DSig.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readDossier } from '../../../shared/dossier/read';
import { makeTempDir, removeDir, writeTempFile } from '../../support/tmp';
import { runCli } from '../../support/cli';
import { BEFORE_DEADLINE } from '../ivan/fixtures';
import {
  cleanDossier,
  ENVELOPED,
  expectNotValid,
  formOf,
  signatureOf,
  template,
  type Verdict,
  verdict,
  withTemplate,
  xmlsecAccepts,
  xmlsecSign,
} from './crafted-kit';

/** SignatureProperties with a forged SigningTime (1 October instead of the signed 20 October). */
const FORGED_PROPERTIES =
  '<SignatureProperties xmlns=""><SignatureProperty Target="#sigid"><SigningTime xmlns="http://example.org/#signatureProperties">2015-10-01T00:00:00Z</SigningTime></SignatureProperty></SignatureProperties>';

let dir: string;
let clean: string;
let d02: string;

beforeAll(async () => {
  dir = makeTempDir('kekhai-crafted-wrap-');
  clean = await cleanDossier();
  d02 = formOf(clean);
});
afterAll(() => removeDir(dir));

function oracle(name: string, xml: string): boolean {
  return xmlsecAccepts(dir, name, xml);
}

/** The envelope's own verdict (files[0]); embedded forms are untouched in these cases. */
function envelopeReason(v: Verdict): string {
  return v.kind === 'report' ? v.report.files[0]!.reason : v.reason;
}

describe('the untouched dossier', () => {
  it('verifies (ours and xmlsec1) — the control for every case below', () => {
    expect(oracle('clean', clean)).toBe(true);
    const v = verdict(clean);
    expect(v.kind === 'report' && v.report.valid && v.report.trusted, v.reason).toBe(true);
    expect(oracle('clean-form', d02)).toBe(true);
  });
});

describe('a Signature moved out of its holder (still intact for xmlsec1)', () => {
  const moves: [string, (x: string) => string, RegExp][] = [
    [
      'envelope Signature moved into <NoiDung>',
      (x) => x.replace(signatureOf(x), '').replace('<NoiDung>', `<NoiDung>${signatureOf(x)}`),
      /nằm trong <NoiDung>.*<CKy_Dvi>/,
    ],
    [
      'envelope Signature moved up beside <CKy_Dvi> (a child of <Hoso>)',
      (x) => x.replace(signatureOf(x), '').replace('</Hoso>', `${signatureOf(x)}</Hoso>`),
      /nằm trong <Hoso>.*<CKy_Dvi>/,
    ],
    [
      'envelope Signature moved inside the unit code <MaSoBHXH>',
      (x) => x.replace(signatureOf(x), '').replace('<MaSoBHXH>TS12345', `<MaSoBHXH>TS12345${signatureOf(x)}`),
      /nằm trong <MaSoBHXH>/,
    ],
  ];
  for (const [name, move, reason] of moves) {
    it(`${name}: refused, naming where it is`, () => {
      const x = move(clean);
      expect(oracle(name, x), 'xmlsec1: the signature is still intact').toBe(true);
      const v = verdict(x);
      expectNotValid(v, reason);
      expect(envelopeReason(v)).toMatch(/Chữ ký \(<Signature>\) nằm trong/);
    });
  }

  it('a form Signature moved into an employee row <LaoDong>: refused', () => {
    const x = d02.replace(signatureOf(d02), '').replace('<STT>', `${signatureOf(d02)}<STT>`);
    expect(oracle('form-sig-in-row', x)).toBe(true);
    expectNotValid(verdict(x), /nằm trong <LaoDong>.*<Cky> ngay dưới <D02-TS>/);
  });

  it('a form Signature moved up beside <Cky>: refused', () => {
    const x = d02.replace(signatureOf(d02), '').replace('</D02-TS>', `${signatureOf(d02)}</D02-TS>`);
    expect(oracle('form-sig-in-root', x)).toBe(true);
    expectNotValid(verdict(x), /nằm trong <D02-TS>.*<Cky>/);
  });
});

describe('the signed content moved or doubled', () => {
  it('classic wrapping: the signed <NoiDung> moved into the Signature Object, a forged one in its place: refused', () => {
    const noiDung = /<NoiDung>[\s\S]*<\/NoiDung>/.exec(clean)![0]!;
    const forged = noiDung.replace('<MaSoBHXH>TS12345', '<MaSoBHXH>XX99999');
    const x = clean
      .replace(noiDung, forged)
      .replace('</Object></Signature>', `</Object><Object>${noiDung}</Object></Signature>`);
    expect(oracle('wrap-object', x)).toBe(false);
    const v = verdict(x);
    expect(v).toMatchObject({ kind: 'refused', code: 'XML_UNEXPECTED_ELEMENT' });
    expect(v.reason).toMatch(/thẻ lạ <NoiDung>/);
  });

  it('a second <Hoso> nested inside the signed one (a forged unit code): digest mismatch', () => {
    const x = clean.replace(
      '</ThongTinDonVi>',
      '</ThongTinDonVi><Hoso><NoiDung><MaSoBHXH>XX99999</MaSoBHXH></NoiDung></Hoso>',
    );
    expect(oracle('nested-hoso', x)).toBe(false);
    expectNotValid(verdict(x), /Mã băm không khớp/);
    // The fixed-path reader still reads the outer unit code, never the nested one.
    expect(readDossier(x).unitCode).toBe('TS12345');
  });

  it('a second <Hoso> beside the signed one: not well-formed, refused', () => {
    const x = clean.replace('</Hoso>', '</Hoso><Hoso><NoiDung><MaSoBHXH>XX99999</MaSoBHXH></NoiDung></Hoso>');
    expect(oracle('beside-hoso', x)).toBe(false);
    expectNotValid(verdict(x), /nhiều hơn một phần tử gốc/);
  });
});

describe('ID-based wrapping of the signed SigningTime', () => {
  it('the signed Object nested inside a new one that shows a forged SigningTime first: refused by structure', () => {
    const signedObject = /<Object Id="SigningTime-sigid">[\s\S]*?<\/Object>/.exec(clean)![0]!;
    const x = clean.replace(signedObject, `<Object>${FORGED_PROPERTIES}${signedObject}</Object>`);
    // The Reference still resolves to the untouched Object: the signature is intact.
    expect(oracle('id-wrap-object', x)).toBe(true);
    const v = verdict(x);
    expect(v).toMatchObject({ kind: 'refused', code: 'XML_UNEXPECTED_ELEMENT' });
    expect(v.reason).toMatch(/thẻ <Object> đặt sai chỗ \(trong <Object>, phải trong <Signature>\)/);
  });

  it('a signature that signs #proid (SignatureProperties), a forged SigningTime put before it in the Object: refused (xmlsec1 accepts it)', () => {
    const objects =
      '<Object><SignatureProperties Id="proid"><SignatureProperty Target="#sigid"><SigningTime xmlns="http://example.org/#signatureProperties">2015-10-20T02:00:00Z</SigningTime></SignatureProperty></SignatureProperties></Object>';
    const signed = xmlsecSign(
      dir,
      'proid',
      withTemplate(clean, template({ refs: [{ uri: '', transforms: [ENVELOPED] }, { uri: '#proid' }], objects })),
    );
    const untouched = verdict(signed);
    expect(untouched.kind === 'report' && untouched.report.files[0]!.timeSource, untouched.reason).toBe('signed-time');
    const x = signed.replace(
      '<Object><SignatureProperties',
      '<Object><SignatureProperty Target="#sigid"><SigningTime xmlns="http://example.org/#signatureProperties">2015-10-01T00:00:00Z</SigningTime></SignatureProperty><SignatureProperties',
    );
    expect(oracle('id-wrap-time', x)).toBe(true);
    const v = verdict(x);
    expectNotValid(v, /<SigningTime> đầu tiên nằm ngoài phần được ký \(#proid\)/);
    // Never judged at the forged time.
    expect(v.kind === 'report' && v.report.files[0]!.timeSource).toBe('receipt-time');
  });
});

describe('XML-DSig elements in the wrong place inside the Signature', () => {
  const cases: [string, (x: string) => string, RegExp][] = [
    [
      'a second SignatureValue inside KeyInfo',
      (x) => x.replace('<KeyInfo>', '<KeyInfo><SignatureValue>AAAA</SignatureValue>'),
      /<SignatureValue> đặt sai chỗ \(trong <KeyInfo>/,
    ],
    [
      'an X509Certificate directly in KeyInfo',
      (x) => x.replace('<KeyInfo>', '<KeyInfo><X509Certificate>AAAA</X509Certificate>'),
      /<X509Certificate> đặt sai chỗ \(trong <KeyInfo>, phải trong <X509Data>\)/,
    ],
    [
      'a KeyInfo inside the Object',
      (x) => x.replace('</Object></Signature>', '<KeyInfo></KeyInfo></Object></Signature>'),
      /<KeyInfo> đặt sai chỗ \(trong <Object>/,
    ],
    [
      'a Reference outside SignedInfo',
      (x) => x.replace('</SignedInfo>', '</SignedInfo><Reference URI="http://127.0.0.1:9/"></Reference>'),
      /<Reference> đặt sai chỗ \(trong <Signature>, phải trong <SignedInfo>\)/,
    ],
  ];
  for (const [name, edit, reason] of cases) {
    it(`${name}: refused, naming the element and its place`, () => {
      const v = verdict(edit(clean));
      expect(v).toMatchObject({ kind: 'refused', code: 'XML_UNEXPECTED_ELEMENT' });
      expect(v.reason).toMatch(reason);
    });
  }
});

describe('duplicated Id attributes (a "#id" Reference that could resolve to two elements)', () => {
  const id = 'SigningTime-sigid';
  // [name, edit, xmlsec1's verdict]: xmlsec1 knows only `Id` as an ID; .NET SignedXml also resolves `ID` and `id`.
  const cases: [string, (x: string) => string, boolean][] = [
    [
      'the Signature element takes the signed Object’s Id',
      (x) => x.replace('<Signature Id="sigid"', `<Signature Id="${id}"`),
      false,
    ],
    ['KeyInfo takes the signed Object’s Id', (x) => x.replace('<KeyInfo>', `<KeyInfo Id="${id}">`), false],
    [
      'KeyInfo takes it as a lower-case id (.NET resolves it)',
      (x) => x.replace('<KeyInfo>', `<KeyInfo id="${id}">`),
      true,
    ],
    [
      'a second Object with the same Id and another SigningTime, placed first',
      (x) =>
        x.replace(
          '</KeyInfo>',
          `</KeyInfo><Object Id="${id}"><SignatureProperties xmlns=""><SignatureProperty Target="#sigid"><SigningTime xmlns="http://example.org/#signatureProperties">2015-10-01T00:00:00Z</SigningTime></SignatureProperty></SignatureProperties></Object>`,
        ),
      false,
    ],
  ];
  for (const [name, edit, xmlsec1] of cases) {
    it(`${name}: refused, naming the Id`, () => {
      const x = edit(clean);
      expect(oracle(name, x)).toBe(xmlsec1);
      expectNotValid(verdict(x), new RegExp(`hai phần tử cùng Id="${id}"`));
    });
  }
});

describe('a second Signature', () => {
  it('the same valid Signature twice in <CKy_Dvi>: refused (one signature per file)', () => {
    const s = signatureOf(clean);
    const x = clean.replace(s, s + s);
    expect(oracle('two-signatures', x)).toBe(false);
    expectNotValid(verdict(x), /<Signature> lặp lại trong <CKy_Dvi>/);
  });

  it('a ds:-prefixed copy placed before the real one: refused', () => {
    const s = signatureOf(clean);
    const prefixed = s
      .replace(/<(\/?)([A-Z][A-Za-z0-9]*)/g, '<$1ds:$2')
      .replace('xmlns="http://www.w3.org/2000/09/xmldsig#"', 'xmlns:ds="http://www.w3.org/2000/09/xmldsig#"')
      .replace(/<(\/?)ds:(SignatureProperties|SignatureProperty|SigningTime)/g, '<$1$2');
    const x = clean.replace('<NoiDung>', `<NoiDung>${prefixed}`);
    expect(oracle('prefixed-copy', x)).toBe(false);
    expectNotValid(verdict(x), /có 2 chữ ký/);
  });

  it('a Signature nested inside the real Signature’s Object: refused as foreign content', () => {
    const s = signatureOf(clean);
    const x = clean.replace('</Object></Signature>', `</Object><Object>${s}</Object></Signature>`);
    const v = verdict(x);
    expect(v).toMatchObject({ kind: 'refused', code: 'XML_UNEXPECTED_ELEMENT' });
    expect(v.reason).toMatch(/thẻ lạ <Signature>/);
  });

  it('a Signature as the document itself (no Hoso): refused by position', () => {
    const x = `<?xml version="1.0" encoding="utf-8"?>${signatureOf(clean)}`;
    expectNotValid(verdict(x), /<Signature>\) là thẻ gốc của tệp/);
  });
});

describe('kekhai verify (the built CLI) on a crafted file', () => {
  it('the envelope Signature moved into <NoiDung>: exit 1, invalid, the reason names <NoiDung>; the clean file exits 0', async () => {
    const data = join(dir, 'data');
    const moved = clean.replace(signatureOf(clean), '').replace('<NoiDung>', `<NoiDung>${signatureOf(clean)}`);
    const at = ['--now', BEFORE_DEADLINE.toISOString()];
    const r = await runCli(['verify', writeTempFile(dir, 'moved.xml', moved), '--json', ...at], { data });
    expect(r.code, r.stderr).toBe(1);
    expect(r.json).toMatchObject({ valid: false });
    expect(r.json.files[0].reason).toMatch(/Chữ ký \(<Signature>\) nằm trong <NoiDung>/);
    const human = await runCli(['verify', join(dir, 'moved.xml'), ...at], { data });
    expect(human.stdout).toMatch(/KHÔNG HỢP LỆ/);
    const ok = await runCli(['verify', writeTempFile(dir, 'ok.xml', clean), '--json', ...at], { data });
    expect(ok.code, ok.stdout).toBe(0);
  });
});
