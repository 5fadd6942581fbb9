/**
 * Tools to build the dossiers an attacker would craft (tests/integration/signing/crafted-*.test.ts): a real dossier
 * signed by the signing module with the bundled 2015 test certificate, then tampered — or re-signed by xmlsec1 from a
 * template with the same key, so that the signature is cryptographically sound and only the verifier's profile
 * checks stand between it and "valid". xmlsec1 with X.509 checking (the test CA trusted, at a time inside the test
 * certificate's validity) is the independent oracle: it shows which crafted files are intact XML-DSig.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyDossierXml, type VerifyReport } from '../../../electron/signing/verify';
import { DSIG_NS } from '../../../shared/signing/profile';
import { BEFORE_DEADLINE, RESOURCES, signedDossier, testCertSigner } from '../ivan/fixtures';

export const TEST_CA = join(RESOURCES, 'test-signing', 'test-ca.pem');
export const TEST_CERT = join(RESOURCES, 'test-signing', 'test-cert.pem');
export const TEST_KEY = join(RESOURCES, 'test-signing', 'test-cert.key.pem');
const TEST_KEY_PASSWORD = 'thunghiem';
/** 20/10/2015 09:00 +07:00, inside the test certificate's validity (the time our verifier is given too). */
export const ORACLE_GMT = '2015-10-20 02:00:00';
export const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

/** A signed BHXHDienTu.xml with one employee (envelope and forms signed by the test certificate). */
export async function cleanDossier(): Promise<string> {
  const s = await testCertSigner();
  try {
    return await signedDossier(s, 1);
  } finally {
    await s.close();
  }
}

/** The embedded form `code` (its signed XML text). */
export function formOf(envelope: string, code = 'D02-TS'): string {
  const re = new RegExp(`<MaToKhai>${code}</MaToKhai>[\\s\\S]*?<NoiDungFile>([^<]+)</NoiDungFile>`);
  return Buffer.from(re.exec(envelope)![1]!, 'base64').toString('utf8');
}

/** The first `<Signature …>…</Signature>` (with its holder kept, now empty). */
export function signatureOf(xml: string): string {
  return /<Signature [^>]*>[\s\S]*?<\/Signature>/.exec(xml)![0]!;
}

export function unsigned(xml: string): string {
  return xml.replace(signatureOf(xml), '');
}

export interface TemplateRef {
  uri: string;
  transforms?: string[];
  /** Extra markup inside a Transform (e.g. an XPath expression), by index. */
  transformBodies?: Record<number, string>;
  digest?: string;
}

export interface TemplateOptions {
  c14n?: string;
  signatureMethod?: string;
  /** Extra markup inside SignatureMethod (HMACOutputLength). */
  signatureMethodBody?: string;
  refs?: TemplateRef[];
  /** KeyInfo content; default KeyValue + X509Data with the certificate (filled in by xmlsec1). */
  keyInfo?: string;
  /** Markup after KeyInfo (Objects). */
  objects?: string;
  /** Namespace prefix for every XML-DSig element ('' = the BHXH default-namespace form). */
  prefix?: string;
  /** Attributes on the Signature element. */
  attrs?: string;
}

/** A Signature template for `xmlsec1 --sign`: DigestValue/SignatureValue empty, filled in by xmlsec1. */
export function template(o: TemplateOptions = {}): string {
  const p = o.prefix ? `${o.prefix}:` : '';
  const ns = o.prefix ? `xmlns:${o.prefix}="${DSIG_NS}"` : `xmlns="${DSIG_NS}"`;
  const refs = (o.refs ?? [{ uri: '', transforms: [ENVELOPED] }])
    .map(
      (r) =>
        `<${p}Reference URI="${r.uri}">` +
        (r.transforms?.length
          ? `<${p}Transforms>${r.transforms
              .map((t, i) => `<${p}Transform Algorithm="${t}">${r.transformBodies?.[i] ?? ''}</${p}Transform>`)
              .join('')}</${p}Transforms>`
          : '') +
        `<${p}DigestMethod Algorithm="${r.digest ?? SHA256}"/><${p}DigestValue></${p}DigestValue></${p}Reference>`,
    )
    .join('');
  return (
    `<${p}Signature Id="sigid" ${ns}${o.attrs ? ` ${o.attrs}` : ''}><${p}SignedInfo>` +
    `<${p}CanonicalizationMethod Algorithm="${o.c14n ?? C14N}"/>` +
    `<${p}SignatureMethod Algorithm="${o.signatureMethod ?? RSA_SHA256}">${o.signatureMethodBody ?? ''}</${p}SignatureMethod>` +
    refs +
    `</${p}SignedInfo><${p}SignatureValue></${p}SignatureValue>` +
    `<${p}KeyInfo>${o.keyInfo ?? `<${p}KeyValue/><${p}X509Data><${p}X509Certificate/></${p}X509Data>`}</${p}KeyInfo>` +
    (o.objects ?? '') +
    `</${p}Signature>`
  );
}

/** Puts `tpl` where the document's signature was (the holder `Cky`/`CKy_Dvi`), for xmlsec1 to sign. */
export function withTemplate(signedXml: string, tpl: string): string {
  return signedXml.replace(signatureOf(signedXml), tpl);
}

/** xmlsec1 signs `tpl` with the test certificate's key (as any attacker's tool would); the signed text. */
export function xmlsecSign(dir: string, name: string, xml: string, extra: string[] = []): string {
  const input = join(dir, `${name}.tpl.xml`);
  const output = join(dir, `${name}.xml`);
  writeFileSync(input, xml);
  const r = spawnSync(
    'xmlsec1',
    [
      '--sign',
      '--pwd',
      TEST_KEY_PASSWORD,
      '--privkey-pem',
      `${TEST_KEY},${TEST_CERT}`,
      '--verification-gmt-time',
      ORACLE_GMT,
      ...extra,
      '--output',
      output,
      input,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`xmlsec1 --sign ${name}: ${r.stderr}`);
  return readFileSync(output, 'utf8');
}

/** The oracle: xmlsec1 with X.509 checking, the test CA trusted, at a time the test certificate was valid. */
/** xmlsec1's verdict on `xml`, written under a file name made from a test's words (`name`). */
export function xmlsecAccepts(dir: string, name: string, xml: string, extra: string[] = []): boolean {
  return xmlsecVerify(dir, name.replace(/\W+/g, '-'), xml, extra).ok;
}

export function xmlsecVerify(
  dir: string,
  name: string,
  xml: string,
  extra: string[] = [],
): { ok: boolean; output: string } {
  const file = join(dir, `${name}.verify.xml`);
  writeFileSync(file, xml);
  const r = spawnSync(
    'xmlsec1',
    [
      '--verify',
      '--enabled-key-data',
      'x509',
      '--trusted-pem',
      TEST_CA,
      '--verification-gmt-time',
      ORACLE_GMT,
      ...extra,
      file,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

export type Verdict =
  { kind: 'report'; report: VerifyReport; reason: string } | { kind: 'refused'; code: string; reason: string };

/** Our verifier on the bytes, the test CA trusted: a report, or the refusal it throws for hostile input. */
export function verdict(xml: string | Buffer, opts: { maxBytes?: number } = {}): Verdict {
  try {
    const report = verifyDossierXml(typeof xml === 'string' ? Buffer.from(xml) : xml, {
      now: BEFORE_DEADLINE,
      trustedCaPems: [readFileSync(TEST_CA, 'utf8')],
      maxBytes: opts.maxBytes,
    });
    return { kind: 'report', report, reason: report.files.map((f) => `${f.name}: ${f.reason}`).join(' | ') };
  } catch (e) {
    const err = e as Error & { code?: string };
    if (!err.code) throw e;
    return { kind: 'refused', code: err.code, reason: err.message };
  }
}

/** Never "valid": either refused outright or a report whose verdict is invalid; the reason (Vietnamese) matches `re`. */
export function expectNotValid(v: Verdict, re: RegExp): void {
  if (v.kind === 'report') {
    if (v.report.valid) throw new Error(`verdict valid, expected refusal matching ${re}: ${v.reason}`);
  }
  if (!re.test(v.reason)) throw new Error(`reason does not match ${re}: ${v.reason}`);
}

/** Replaces the Base64 of the embedded form `code` (and its DoDaiFile) with `xml`'s. */
export function replaceForm(envelope: string, code: string, xml: string): string {
  const b = Buffer.from(xml, 'utf8').toString('base64');
  const re = new RegExp(
    `(<MaToKhai>${code}</MaToKhai>[\\s\\S]*?<DoDaiFile>)[^<]*(</DoDaiFile><NoiDungFile>)[^<]+(</NoiDungFile>)`,
  );
  if (!re.test(envelope)) throw new Error(`no ${code} in the envelope`);
  return envelope.replace(re, `$1${b.length}$2${b}$3`);
}
