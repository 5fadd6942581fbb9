/**
 * KeyInfo tricks on a dossier signed with the test certificate. KeyInfo is outside SignedInfo, so it can be edited
 * without breaking the signature: the verifier must take the key from the first X509Certificate only, insist that
 * KeyValue (what a verifier without X.509 checking uses) is that certificate's key, accept further certificates only
 * when they are on the signer's path, never resolve a RetrievalMethod or KeyName, and never trust a CA the file
 * brings along. xmlsec1 with X.509 checking (test CA trusted) is the oracle; xmlsec1 without it reads KeyValue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { signXml } from '../../../electron/signing/sign-xml';
import { readCertificate } from '../../../electron/signing/certificate';
import type { Signer } from '../../../electron/signing/signer';
import { makeTempDir, removeDir } from '../../support/tmp';
import { BEFORE_DEADLINE, softwareSigner } from '../ivan/fixtures';
import { cleanDossier, expectNotValid, unsigned, verdict, xmlsecAccepts } from './crafted-kit';

let dir: string;
let clean: string;
let other: Signer;

beforeAll(async () => {
  dir = makeTempDir('kekhai-crafted-keyinfo-');
  clean = await cleanDossier();
  other = softwareSigner(BEFORE_DEADLINE);
});
afterAll(() => removeDir(dir));

const oracle = (name: string, xml: string) => xmlsecAccepts(dir, name, xml);

/** xmlsec1's default: the key from KeyValue, no certificate checks (domain reference addendum 2 item 9). */
function rawKeyOracle(name: string, xml: string): boolean {
  const file = join(dir, `${name.replace(/\W+/g, '-')}.raw.xml`);
  writeFileSync(file, xml);
  return spawnSync('xmlsec1', ['--verify', file], { encoding: 'utf8' }).status === 0;
}

const certOf = (x: string) => /<X509Certificate>([^<]+)<\/X509Certificate>/.exec(x)![1]!;
const otherCert = () => other.certificateDer.toString('base64');

function b64Int(bytes: Buffer): string {
  return bytes.toString('base64');
}

describe('the certificate in X509Data', () => {
  it('replaced by another certificate (the key that signed is not its key): invalid', () => {
    const x = clean.replace(certOf(clean), otherCert());
    expect(oracle('swapped-cert', x)).toBe(false);
    expectNotValid(verdict(x), /Giá trị chữ ký không khớp với chứng thư số/);
  });

  it('a second, unrelated certificate after the signer’s: refused (not on the signer’s path)', () => {
    const x = clean.replace(
      '</X509Certificate>',
      `</X509Certificate><X509Certificate>${otherCert()}</X509Certificate>`,
    );
    // xmlsec1 finds the signer's certificate and ignores the stray one.
    expect(oracle('stray-cert', x)).toBe(true);
    expectNotValid(verdict(x), /<X509Certificate> thứ 2 không thuộc chuỗi chứng thực của người ký/);
  });

  it('an unrelated certificate placed first, the signer’s second: invalid (the key is the first certificate’s)', () => {
    const x = clean.replace('<X509Certificate>', `<X509Certificate>${otherCert()}</X509Certificate><X509Certificate>`);
    expectNotValid(verdict(x), /Giá trị chữ ký không khớp với chứng thư số/);
  });

  it('an unreadable second certificate: refused', () => {
    const x = clean.replace('</X509Certificate>', '</X509Certificate><X509Certificate>AAAA</X509Certificate>');
    expectNotValid(verdict(x), /<X509Certificate> thứ 2 không đọc được/);
  });

  it('no readable certificate at all: invalid', () => {
    const x = clean.replace(certOf(clean), 'AAAA');
    expect(oracle('garbage-cert', x)).toBe(false);
    expectNotValid(verdict(x), /Không đọc được chứng thư số/);
  });
});

describe('KeyValue, RetrievalMethod, KeyName', () => {
  it('KeyValue holding another key (modulus and exponent): refused, though xmlsec1 with X.509 ignores it', () => {
    const jwk = createPrivateKey(
      generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 }).privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      }),
    ).export({ format: 'jwk' });
    const x = clean
      .replace(/<Modulus>[^<]+<\/Modulus>/, `<Modulus>${b64Int(Buffer.from(jwk.n!, 'base64url'))}</Modulus>`)
      .replace(/<Exponent>[^<]+<\/Exponent>/, `<Exponent>${b64Int(Buffer.from(jwk.e!, 'base64url'))}</Exponent>`);
    expect(oracle('other-keyvalue', x)).toBe(true);
    expect(rawKeyOracle('other-keyvalue', x), 'a verifier reading KeyValue sees a broken signature').toBe(false);
    expectNotValid(verdict(x), /<KeyValue> khác khóa của chứng thư số/);
  });

  it('KeyValue with only the exponent changed (AQAB → Aw==): refused', () => {
    const x = clean.replace('<Exponent>AQAB</Exponent>', '<Exponent>Aw==</Exponent>');
    expect(oracle('exponent', x)).toBe(true);
    expect(rawKeyOracle('exponent', x)).toBe(false);
    expectNotValid(verdict(x), /<KeyValue> khác khóa của chứng thư số/);
  });

  it('a RetrievalMethod pointing elsewhere: refused as foreign content, nothing fetched', () => {
    const x = clean.replace(
      '<KeyInfo>',
      '<KeyInfo><RetrievalMethod URI="http://127.0.0.1:9/key.cer" Type="http://www.w3.org/2000/09/xmldsig#rawX509Certificate"/>',
    );
    const v = verdict(x);
    expect(v).toMatchObject({ kind: 'refused', code: 'XML_UNEXPECTED_ELEMENT' });
    expect(v.reason).toMatch(/thẻ lạ <RetrievalMethod>/);
  });

  it('a KeyName naming another party is never used: the key and the signer are the certificate’s', () => {
    const named = clean.replace('<KeyInfo>', '<KeyInfo><KeyName>CONG TY KHAC — MST 0312345678</KeyName>');
    const v = verdict(named);
    // KeyName carries no key (real files may have one, see verify.ts history); the verdict is the certificate's.
    expect(v.kind === 'report' && v.report.files[0]!.signer).toBe('CHU KY SO THU NGHIEM BHXH');
    // With a KeyName and a swapped certificate, nothing makes the signature verify.
    const swapped = named.replace(certOf(named), otherCert());
    expectNotValid(verdict(swapped), /Giá trị chữ ký không khớp/);
  });
});

/** A CA with the test CA's very name (its own key), and a leaf it issues with the test certificate's name. */
function impostorChain(): { signer: Signer; caBase64: string } {
  const mk = () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return {
      pub: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string),
      priv: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
      node: createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' })),
    };
  };
  const caKey = mk();
  const leafKey = mk();
  const caName = [
    { shortName: 'C', value: 'VN' },
    { shortName: 'O', value: 'KeKhai BHXH (thu nghiem)' },
    { shortName: 'CN', value: 'KeKhai BHXH Test Signing CA' },
  ];
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKey.pub;
  ca.serialNumber = '0b01';
  ca.validity.notBefore = new Date('2013-01-01T00:00:00Z');
  ca.validity.notAfter = new Date('2030-01-01T00:00:00Z');
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  ca.sign(caKey.priv, forge.md.sha256.create());
  const leaf = forge.pki.createCertificate();
  leaf.publicKey = leafKey.pub;
  leaf.serialNumber = '0b02';
  leaf.validity.notBefore = new Date('2014-01-01T00:00:00Z');
  leaf.validity.notAfter = new Date('2016-01-01T00:00:00Z');
  leaf.setSubject([
    { shortName: 'C', value: 'VN' },
    { shortName: 'O', value: 'KeKhai BHXH (thu nghiem)' },
    { shortName: 'CN', value: 'CHU KY SO THU NGHIEM BHXH' },
  ]);
  leaf.setIssuer(caName);
  leaf.setExtensions([{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }]);
  leaf.sign(caKey.priv, forge.md.sha256.create());
  const der = (c: forge.pki.Certificate) =>
    Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary');
  const leafDer = der(leaf);
  return {
    signer: {
      kind: 'pkcs11',
      certificateDer: leafDer,
      cert: readCertificate(leafDer),
      warnings: [],
      sign: async (d) => rsaSign('sha256', d, leafKey.node),
      close: async () => undefined,
    },
    caBase64: der(ca).toString('base64'),
  };
}

describe('a certificate chain smuggled in', () => {
  it('a CA named like the trusted test CA, carried in X509Data with its leaf: intact but not trusted', async () => {
    const { signer, caBase64 } = impostorChain();
    const signed = await signXml(unsigned(clean), signer, BEFORE_DEADLINE);
    const x = signed.replace('</X509Certificate>', `</X509Certificate><X509Certificate>${caBase64}</X509Certificate>`);
    expect(oracle('impostor-chain', x), 'xmlsec1 does not trust the smuggled CA').toBe(false);
    const v = verdict(x);
    expect(v.kind).toBe('report');
    if (v.kind !== 'report') return;
    const env = v.report.files[0]!;
    expect(env).toMatchObject({ valid: true, trusted: false, state: 'untrusted' });
    expect(v.report.trusted).toBe(false);
    // The path stops at the smuggled CA: it is never an anchor.
    expect(env.chain.some((l) => l.anchor)).toBe(false);
    expect(env.reason).toMatch(/chưa có trong danh sách tin cậy/);
  });
});
