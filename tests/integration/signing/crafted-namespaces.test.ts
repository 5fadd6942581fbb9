/**
 * Namespace games on a signed dossier: a default namespace redefined inside the Signature or on the data, a `ds:`
 * prefix rebound, an XML-DSig namespace one character off, an xml:base. The verifier resolves namespaces as the
 * canonicaliser does, so an element is XML-DSig only in the XML-DSig namespace, whatever its prefix. A ds:-prefixed
 * signature over the same data is the same XML-DSig and verifies (as for xmlsec1 and .NET SignedXml); everything
 * that changes which namespace an element is in is refused. xmlsec1 with X.509 checking is the oracle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDossier } from '../../../shared/dossier/read';
import { makeTempDir, removeDir } from '../../support/tmp';
import {
  cleanDossier,
  expectNotValid,
  signatureOf,
  template,
  verdict,
  withTemplate,
  xmlsecAccepts,
  xmlsecSign,
} from './crafted-kit';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
let dir: string;
let clean: string;
let prefixed: string;

beforeAll(async () => {
  dir = makeTempDir('kekhai-crafted-ns-');
  clean = await cleanDossier();
  prefixed = xmlsecSign(dir, 'prefixed', withTemplate(clean, template({ prefix: 'ds' })));
});
afterAll(() => removeDir(dir));

const oracle = (name: string, xml: string) => xmlsecAccepts(dir, name, xml);

describe('prefixed ds: against the default namespace', () => {
  it('a ds:-prefixed signature over the same data is the same XML-DSig: verified, as xmlsec1 does', () => {
    expect(prefixed).toContain('<ds:SignedInfo>');
    expect(oracle('prefixed', prefixed)).toBe(true);
    const v = verdict(prefixed);
    expect(v.kind === 'report' && v.report.files[0]).toMatchObject({ valid: true, trusted: true });
  });

  it('the ds prefix rebound to another namespace on SignedInfo: invalid', () => {
    const x = prefixed.replace('<ds:SignedInfo>', '<ds:SignedInfo xmlns:ds="urn:khac">');
    expect(oracle('rebound-prefix', x)).toBe(false);
    expectNotValid(verdict(x), /<CanonicalizationMethod> không đúng chuẩn BHXH \(thiếu/);
  });
});

describe('default namespace redefined', () => {
  it('SignedInfo moved to another default namespace: invalid (no SignedInfo in XML-DSig)', () => {
    const x = clean.replace('<SignedInfo>', '<SignedInfo xmlns="urn:khac">');
    expect(oracle('signedinfo-ns', x)).toBe(false);
    expectNotValid(verdict(x), /<SignatureMethod> không phải RSA-SHA256 \(thiếu\)/);
  });

  it('SignatureValue moved out of XML-DSig with xmlns="": invalid (no signature value)', () => {
    const x = clean.replace('<SignatureValue>', '<SignatureValue xmlns="">');
    expect(oracle('sigvalue-ns', x)).toBe(false);
    expectNotValid(verdict(x), /Thiếu giá trị chữ ký/);
  });

  it('the Signature’s namespace one character off (no “#”): not a signature at all', () => {
    const x = clean.replace(
      `<Signature Id="sigid" xmlns="${DSIG}"`,
      '<Signature Id="sigid" xmlns="http://www.w3.org/2000/09/xmldsig"',
    );
    expect(oracle('ns-off-by-one', x)).toBe(false);
    expectNotValid(verdict(x), /chưa được ký số/);
  });

  it('a default namespace put on <Hoso> after signing: invalid, and the fixed-path reader reads nothing from it', () => {
    const x = clean.replace('<Hoso>', '<Hoso xmlns="urn:bhxh">');
    expect(oracle('hoso-ns', x)).toBe(false);
    expectNotValid(verdict(x), /Mã băm không khớp/);
    expect(readDossier(x).unitCode).toBeNull();
  });

  it('a redundant xmlns="" on data elements changes nothing canonical: still verified, as for xmlsec1', () => {
    const x = clean.replace('<NoiDung>', '<NoiDung xmlns="">').replace('<MaSoBHXH>', '<MaSoBHXH xmlns="">');
    expect(oracle('redundant-empty-ns', x)).toBe(true);
    const v = verdict(x);
    expect(v.kind === 'report' && v.report.valid, v.reason).toBe(true);
    expect(readDossier(x).unitCode).toBe('TS12345');
  });
});

describe('xml:base', () => {
  it('xml:base added on the Signature: inclusive C14N carries it into SignedInfo, so the signature breaks', () => {
    const x = clean.replace('<Signature Id="sigid"', '<Signature xml:base="http://127.0.0.1:9/" Id="sigid"');
    expect(oracle('xml-base-signature', x)).toBe(false);
    expectNotValid(verdict(x), /Giá trị chữ ký không khớp/);
  });

  it('xml:base added on <Hoso>: the signed data changed (digest mismatch)', () => {
    const x = clean.replace('<Hoso>', '<Hoso xml:base="http://127.0.0.1:9/">');
    expect(oracle('xml-base-root', x)).toBe(false);
    expectNotValid(verdict(x), /Mã băm không khớp/);
  });

  it('xml:base added on the holder <CKy_Dvi>: refused as well (the holder is signed data)', () => {
    const x = clean.replace('<CKy_Dvi>', '<CKy_Dvi xml:base="http://127.0.0.1:9/">');
    expect(signatureOf(x)).toBe(signatureOf(clean));
    expect(oracle('xml-base-holder', x)).toBe(false);
    expectNotValid(verdict(x), /Mã băm không khớp|Giá trị chữ ký không khớp/);
  });
});
