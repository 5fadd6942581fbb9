/**
 * Issue #12 item 2 — issuers checked. A trust store (`kekhai trust add|list|remove`: PEM, DER .cer, PKCS#7 .p7b);
 * three verdicts (trusted; intact but issuer not verified → exit 1 unless --allow-untrusted; invalid) with the chain;
 * certificate dates judged at a signed SigningTime or the receipt time, never at an unsigned one; a self-signed
 * certificate claiming any MST is not trusted; the 2015 test CA vouches for the test certificate only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, createHash, sign as rsaSign, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSoftHsmToken, testCa, type SoftHsmToken } from '../../support/softhsm';
import { issueCertificate, parseName, certificatePem } from '../../support/x509-issue';
import { makeTempDir, removeDir } from '../../support/tmp';
import { runCli } from '../../support/cli';
import { openSigner } from '../../../electron/signing/signer';
import { verifyDossierXml } from '../../../electron/signing/verify';
import { buildChain } from '../../../electron/signing/chain';
import { fingerprintOf } from '../../../electron/signing/trust-store';
import { canonicalize } from '../../../shared/signing/c14n';
import {
  C14N_INCLUSIVE,
  DSIG_NS,
  ENVELOPED_SIGNATURE,
  RSA_SHA256,
  SHA256_DIGEST,
} from '../../../shared/signing/profile';
import { UNTRUSTED_NOTE } from '../../../shared/signing/trust-text';
import { signedDossier, softwareSigner, testCertSigner, RESOURCES } from '../ivan/fixtures';

let dir: string;
let data: string;
let token: SoftHsmToken;
let dossierFile: string;
let caPem: string;

beforeAll(async () => {
  dir = makeTempDir('kekhai-trust-');
  data = join(dir, 'data');
  token = await createSoftHsmToken({
    label: 'TRUST',
    pin: '246810',
    soPin: '13579',
    mst: '2800123452',
    organisation: 'CÔNG TY TNHH TIN CẬY',
  });
  caPem = token.caPem;
  process.env.SOFTHSM2_CONF = token.conf;
  const s = await openSigner({ kind: 'pkcs11', library: token.module, pin: token.pin }, new Date(), {});
  try {
    dossierFile = join(dir, 'BHXHDienTu.xml');
    writeFileSync(dossierFile, await signedDossier(s, 1, { signingTime: new Date() }));
  } finally {
    await s.close();
  }
});
afterAll(() => {
  token.cleanup();
  removeDir(dir);
});

type Report = {
  valid: boolean;
  trusted: boolean;
  files: {
    name: string;
    valid: boolean;
    trusted: boolean;
    signer: string | null;
    mst: string | null;
    chain: { subject: string; anchor: boolean }[];
    reason: string;
  }[];
};

describe('trust store and the three verdicts (kekhai CLI, built)', () => {
  it('intact but issuer unknown: trusted false, exit 1, the clerk text; --allow-untrusted exits 0', async () => {
    const r = await runCli(['verify', dossierFile, '--json'], { data });
    const v = r.json as Report;
    expect(v.valid).toBe(true);
    expect(v.trusted).toBe(false);
    expect(r.code).toBe(1);
    for (const f of v.files) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['name', 'valid', 'trusted', 'signer', 'mst', 'chain', 'reason']),
      );
      expect(f).toMatchObject({ valid: true, trusted: false });
      expect(f.reason).toContain(UNTRUSTED_NOTE);
    }
    expect(v.files[0]!.mst).toBe('2800123452');
    expect((await runCli(['verify', dossierFile, '--allow-untrusted', '--json'], { data })).code).toBe(0);
  });

  it('trust add CA.pem → trusted with the chain built to the anchor; list shows fingerprint, subject, validity; remove makes it untrusted again', async () => {
    const pem = join(dir, 'ca.pem');
    writeFileSync(pem, caPem);
    const add = await runCli(['trust', 'add', pem, '--json'], { data });
    expect(add.code, add.stderr).toBe(0);
    const fp = fingerprintOf(new X509Certificate(caPem));
    expect(add.json.added).toEqual([
      expect.objectContaining({ fingerprint: fp, subject: expect.stringContaining('KeKhai Test CA') }),
    ]);
    const list = await runCli(['trust', 'list', '--json'], { data });
    const entries = list.json.entries as {
      fingerprint: string;
      subject: string;
      notBefore: string;
      notAfter: string;
      source: string;
      restrictedTo: string | null;
    }[];
    expect(entries.find((e) => e.fingerprint === fp)).toMatchObject({
      source: 'store',
      notBefore: '2010-01-01T00:00:00.000Z',
      notAfter: '2049-12-31T00:00:00.000Z',
    });
    const v = await runCli(['verify', dossierFile, '--json'], { data });
    expect(v.code).toBe(0);
    expect(v.json).toMatchObject({ valid: true, trusted: true });
    const chain = (v.json as Report).files[0]!.chain;
    expect(chain).toHaveLength(2);
    expect(chain[1]).toMatchObject({ anchor: true, subject: expect.stringContaining('KeKhai Test CA') });
    expect((await runCli(['trust', 'remove', fp, '--json'], { data })).code).toBe(0);
    expect((await runCli(['verify', dossierFile, '--json'], { data })).json).toMatchObject({
      valid: true,
      trusted: false,
    });
    expect((await runCli(['trust', 'remove', fp], { data })).code).toBe(1);
  });

  it('imports DER .cer and a PKCS#7 .p7b bundle (same fingerprint); refuses an end-entity certificate', async () => {
    const pem = join(dir, 'ca2.pem');
    writeFileSync(pem, caPem);
    const cer = join(dir, 'ca.cer');
    writeFileSync(cer, new X509Certificate(caPem).raw);
    const p7b = join(dir, 'bundle.p7b');
    execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', pem, '-outform', 'DER', '-out', p7b]);
    const fp = fingerprintOf(new X509Certificate(caPem));
    const a = await runCli(['trust', 'add', cer, '--json'], { data });
    expect(a.json.added[0].fingerprint).toBe(fp);
    const b = await runCli(['trust', 'add', p7b, '--json'], { data });
    expect(b.code, b.stderr).toBe(0);
    expect(b.json).toMatchObject({ added: [], present: [expect.objectContaining({ fingerprint: fp })] });
    const leaf = join(dir, 'leaf.pem');
    writeFileSync(leaf, token.certPem);
    const c = await runCli(['trust', 'add', leaf, '--json'], { data });
    expect(c.code).toBe(1);
    expect(c.stdout + c.stderr).toMatch(/không phải chứng thư của tổ chức cấp/);
    // Trusted from the DER import: the token's dossier is trusted now.
    expect((await runCli(['verify', dossierFile, '--json'], { data })).json).toMatchObject({
      valid: true,
      trusted: true,
    });
  });

  it('a dossier re-signed with a self-signed certificate claiming any MST is not trusted (even with CAs in the store)', async () => {
    const forged = join(dir, 'self-signed.xml');
    writeFileSync(forged, await signedDossier(softwareSigner(), 2, { signingTime: new Date() }));
    const r = await runCli(['verify', forged, '--json'], { data });
    expect(r.code).toBe(1);
    const v = r.json as Report;
    expect(v).toMatchObject({ valid: true, trusted: false });
    expect(v.files[0]!.mst).toBe('0100109106');
    expect(v.files[0]!.reason).toMatch(/tự ký/);
  });

  it('the built-in 2015 test CA is listed as trusted for the test certificate only', async () => {
    const list = await runCli(['trust', 'list', '--json'], { data });
    const testCert = new X509Certificate(readFileSync(join(RESOURCES, 'test-signing', 'test-cert.pem')));
    expect(list.json.entries).toContainEqual(
      expect.objectContaining({ source: 'built-in', restrictedTo: fingerprintOf(testCert) }),
    );
  });
});

describe('an anchor restricted to one leaf, and the time a certificate is judged at', () => {
  it('a CA trusted only for one certificate does not vouch for another it issued', () => {
    const ca = testCa();
    const leaf = (serial: string) => {
      const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      return issueCertificate({
        serialHex: serial,
        subject: parseName(`C=VN, CN=Leaf ${serial}, 0.9.2342.19200300.100.1.1=MST:0100109106`),
        issuer: parseName(ca.name),
        notBefore: new Date('2020-01-01T00:00:00Z'),
        notAfter: new Date('2040-01-01T00:00:00Z'),
        publicKeySpki: publicKey.export({ type: 'spki', format: 'der' }),
        signingKey: ca.key,
        issuerSpki: ca.spki,
        ca: false,
        keyUsage: ['digitalSignature', 'nonRepudiation'],
      });
    };
    const a = leaf('0a01');
    const b = leaf('0a02');
    const anchor = {
      cert: new X509Certificate(ca.pem),
      onlyForLeaf: fingerprintOf(new X509Certificate(a)),
      source: 'built-in' as const,
    };
    const at = new Date('2025-01-01T00:00:00Z');
    expect(buildChain(a, [], [anchor], at).trusted).toBe(true);
    const other = buildChain(b, [], [anchor], at);
    expect(other.trusted).toBe(false);
    expect(other.chain).toHaveLength(1);
  });

  it('our SigningTime is signed: editing it never flips the verdict, it breaks the signature (the unsigned case: real-samples.test.ts)', async () => {
    const s = await testCertSigner();
    const xml = await signedDossier(s, 3);
    await s.close();
    const edit = (t: string) => xml.replace(/(<SigningTime[^>]*>)[^<]*(<\/SigningTime>)/g, `$1${t}$2`);
    const after = new Date('2016-06-01T00:00:00Z');
    // Untouched: judged at the signed time, so still valid after the certificate expired.
    const kept = verifyDossierXml(Buffer.from(xml), { now: after });
    expect(kept.valid).toBe(true);
    expect(kept.files.every((f) => f.timeSource === 'signed-time')).toBe(true);
    for (const t of ['2015-10-21T02:00:00Z', '2030-01-01T00:00:00Z', '2001-01-01T00:00:00Z']) {
      for (const now of [new Date('2015-10-25T00:00:00Z'), after]) {
        const r = verifyDossierXml(Buffer.from(edit(t)), { now });
        expect(r.valid, t).toBe(false);
        expect(r.files[0]!.reason).toMatch(/SigningTime/);
      }
    }
  });

  it('a signed SigningTime (second Reference, as eBH writes) is the judged time; editing it breaks the signature', () => {
    const ca = testCa();
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const der = issueCertificate({
      serialHex: '0b01',
      subject: parseName('C=VN, CN=CONG TY EBH, 0.9.2342.19200300.100.1.1=MST:0101300842'),
      issuer: parseName(ca.name),
      notBefore: new Date('2023-01-01T00:00:00Z'),
      notAfter: new Date('2024-01-01T00:00:00Z'),
      publicKeySpki: publicKey.export({ type: 'spki', format: 'der' }),
      signingKey: ca.key,
      issuerSpki: ca.spki,
      ca: false,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
    });
    const body =
      '<M01B-HSB xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><ThongTinKhac><MaDonVi>TS12345</MaDonVi></ThongTinKhac><Cky>';
    const tail = '</Cky></M01B-HSB>';
    const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
    const docDigest = sha(canonicalize(`${body}${tail}`));
    const object = `<Object Id="SigningTime-1" xmlns="${DSIG_NS}"><SignatureProperties xmlns=""><SignatureProperty Target="#sig"><SigningTime>2023-06-01T10:00:00</SigningTime></SignatureProperty></SignatureProperties></Object>`;
    // The Object canonicalised in its place: it inherits xmlns:xsi from the root.
    const objectDigest = sha(
      canonicalize(object, {
        context: { ns: new Map([['xsi', 'http://www.w3.org/2001/XMLSchema-instance']]), xmlAttrs: new Map() },
      }),
    );
    const signedInfo =
      `<SignedInfo><CanonicalizationMethod Algorithm="${C14N_INCLUSIVE}"></CanonicalizationMethod><SignatureMethod Algorithm="${RSA_SHA256}"></SignatureMethod>` +
      `<Reference URI=""><Transforms><Transform Algorithm="${ENVELOPED_SIGNATURE}"></Transform></Transforms><DigestMethod Algorithm="${SHA256_DIGEST}"></DigestMethod><DigestValue>${docDigest}</DigestValue></Reference>` +
      `<Reference URI="#SigningTime-1"><DigestMethod Algorithm="${SHA256_DIGEST}"></DigestMethod><DigestValue>${objectDigest}</DigestValue></Reference></SignedInfo>`;
    const ctx = {
      ns: new Map([
        ['xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
        ['', DSIG_NS],
      ]),
      xmlAttrs: new Map<string, string>(),
    };
    const value = rsaSign(
      'sha256',
      Buffer.from(canonicalize(signedInfo, { context: ctx }), 'utf8'),
      privateKey,
    ).toString('base64');
    const sig = `<Signature Id="sig" xmlns="${DSIG_NS}">${signedInfo}<SignatureValue>${value}</SignatureValue><KeyInfo><X509Data><X509Certificate>${der.toString('base64')}</X509Certificate></X509Data></KeyInfo>${object}</Signature>`;
    const xml = `<?xml version="1.0" encoding="utf-8"?>${body}${sig}${tail}`;
    const file = join(dir, 'signed-time.xml');
    writeFileSync(file, xml);
    const caFile = join(dir, 'ca-signed-time.pem');
    writeFileSync(caFile, certificatePem(new X509Certificate(ca.pem).raw));
    // xmlsec1 agrees that both references verify, at the signed time.
    const sec = execFileSync(
      'xmlsec1',
      [
        '--verify',
        '--enabled-key-data',
        'x509',
        '--trusted-pem',
        caFile,
        '--id-attr:Id',
        `${DSIG_NS}:Object`,
        '--verification-gmt-time',
        '2023-06-01 03:00:00',
        file,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    void sec;
    const anchors = [{ cert: new X509Certificate(ca.pem), source: 'store' as const }];
    // Received long after the certificate expired, but the signed time falls in its validity: valid and trusted.
    const r = verifyDossierXml(Buffer.from(xml), { now: new Date('2026-01-01T00:00:00Z'), anchors });
    expect(r.files[0]).toMatchObject({
      valid: true,
      trusted: true,
      timeSource: 'signed-time',
      judgedAt: '2023-06-01T03:00:00.000Z',
    });
    // Moving the signed time breaks the second reference: invalid, whatever the date.
    const moved = verifyDossierXml(Buffer.from(xml.replace('2023-06-01T10:00:00', '2023-07-01T10:00:00')), {
      now: new Date('2023-06-02T00:00:00Z'),
      anchors,
    });
    expect(moved.valid).toBe(false);
    expect(moved.files[0]!.reason).toMatch(/SigningTime/);
  });
});
