/**
 * The trust store (issue #12 item 2): CA certificates the clerk or IT imports (the national root bundle, their CA's
 * intermediate), kept as one PEM file per certificate in `<data>/trust/<sha256>.pem` — plain files an administrator
 * can inspect or deploy. Imports accept PEM (one or many), DER (.cer/.crt) and PKCS#7 bundles (.p7b/.p7c, DER or
 * PEM). Only CA certificates are accepted: an end-entity certificate is never an anchor.
 *
 * The bundled 2015 test CA is not in the store: it is an anchor only for the bundled test certificate
 * (`builtInAnchors`), so a certificate minted with the (public) test CA key for any other subject is not trusted.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/app-error';
import { writeFileAtomic } from '../core/atomic-file';
import type { ServiceContext } from '../core/context';

export interface TrustAnchor {
  cert: X509Certificate;
  /** SHA-256 fingerprint (lower-case hex, no colons) of the only leaf this anchor may vouch for, else undefined. */
  onlyForLeaf?: string;
  source: 'store' | 'built-in' | 'option';
}

export interface TrustEntry {
  fingerprint: string;
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  selfSigned: boolean;
  source: 'store' | 'built-in';
  /** For the built-in test CA: the one certificate it is trusted for. */
  restrictedTo: string | null;
}

export const fingerprintOf = (c: X509Certificate): string => createHash('sha256').update(c.raw).digest('hex');

export function trustDir(ctx: Pick<ServiceContext, 'dataDir' | 'home'>): string {
  // One store for the real and the training data folder: trust is a property of the machine, not of a mode.
  return join(ctx.home?.dataDir ?? ctx.dataDir, 'trust');
}

function pemBlocks(text: string): { label: string; der: Buffer }[] {
  const out: { label: string; der: Buffer }[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text))
    out.push({ label: m[1]!, der: Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64') });
  return out;
}

/** Minimal DER walk: [tag, contentStart, end] of the TLV at `at`. */
function tlv(b: Buffer, at: number): { tag: number; start: number; end: number } {
  if (at + 2 > b.length) throw new Error('truncated');
  const tag = b[at]!;
  let len = b[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 4 || start + n > b.length) throw new Error('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[start + i]!;
    start += n;
  }
  if (start + len > b.length) throw new Error('truncated');
  return { tag, start, end: start + len };
}

function children(
  b: Buffer,
  t: { start: number; end: number },
): { tag: number; start: number; end: number; from: number }[] {
  const out = [];
  for (let at = t.start; at < t.end;) {
    const c = tlv(b, at);
    out.push({ ...c, from: at });
    at = c.end;
  }
  return out;
}

const SIGNED_DATA_OID = Buffer.from('06092a864886f70d010702', 'hex');

/** Certificates of a PKCS#7 SignedData "certs-only" bundle (RFC 2315 §9.1, the .p7b format), or null if not one. */
function p7bCertificates(der: Buffer): Buffer[] | null {
  try {
    const ci = tlv(der, 0);
    const [oid, explicit] = children(der, ci);
    if (!oid || !explicit || !der.subarray(oid.from, oid.end).equals(SIGNED_DATA_OID) || explicit.tag !== 0xa0)
      return null;
    const signedData = children(der, explicit)[0];
    if (!signedData) return null;
    const certs = children(der, signedData).find((c) => c.tag === 0xa0);
    return certs ? children(der, certs).map((c) => der.subarray(c.from, c.end)) : [];
  } catch {
    return null;
  }
}

/** Every certificate in an imported file (PEM, DER, PKCS#7 in DER or PEM). */
export function certificatesIn(bytes: Buffer, name = 'tệp'): X509Certificate[] {
  const ders: Buffer[] = [];
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN ')) {
    for (const b of pemBlocks(text)) {
      if (b.label === 'CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE') ders.push(b.der);
      else if (b.label === 'PKCS7') ders.push(...(p7bCertificates(b.der) ?? []));
    }
  } else {
    const p7 = p7bCertificates(bytes);
    ders.push(...(p7 ?? [bytes]));
  }
  const certs: X509Certificate[] = [];
  for (const d of ders) {
    try {
      certs.push(new X509Certificate(d));
    } catch {
      throw unreadable(name);
    }
  }
  if (!certs.length) throw unreadable(name);
  return certs;
}

function unreadable(name: string): AppError {
  return new AppError('VALIDATION', `${name}: không đọc được chứng thư số (cần tệp .pem, .cer/.crt hoặc gói .p7b)`, {
    en: `${name}: no readable certificate (expected .pem, .cer/.crt or a .p7b bundle)`,
  });
}

export function entryOf(
  c: X509Certificate,
  source: TrustEntry['source'],
  restrictedTo: string | null = null,
): TrustEntry {
  return {
    fingerprint: fingerprintOf(c),
    subject: c.subject.replace(/\n/g, ', '),
    issuer: c.issuer.replace(/\n/g, ', '),
    serial: c.serialNumber.toLowerCase(),
    notBefore: new Date(c.validFrom).toISOString(),
    notAfter: new Date(c.validTo).toISOString(),
    selfSigned: c.checkIssued(c),
    source,
    restrictedTo,
  };
}

export function listTrusted(ctx: Pick<ServiceContext, 'dataDir' | 'home' | 'resourcesDir'>): TrustEntry[] {
  const out = storeCertificates(ctx).map((c) => entryOf(c, 'store'));
  const test = testAnchor(ctx.resourcesDir);
  if (test) out.push(entryOf(test.cert, 'built-in', test.onlyForLeaf ?? null));
  return out;
}

function storeCertificates(ctx: Pick<ServiceContext, 'dataDir' | 'home'>): X509Certificate[] {
  const dir = trustDir(ctx);
  if (!existsSync(dir)) return [];
  const out: X509Certificate[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!/^[0-9a-f]{64}\.pem$/.test(f)) continue;
    try {
      out.push(...certificatesIn(readFileSync(join(dir, f)), f));
    } catch {
      // A damaged file is not an anchor; `trust list` shows only what is usable.
    }
  }
  return out;
}

/** Adds every CA certificate of a file; returns the entries added or already present. */
export function addTrusted(
  ctx: Pick<ServiceContext, 'dataDir' | 'home'>,
  bytes: Buffer,
  name: string,
  now: Date,
): { added: TrustEntry[]; present: TrustEntry[] } {
  const certs = certificatesIn(bytes, name);
  const notCa = certs.filter((c) => !c.ca);
  if (notCa.length) {
    throw new AppError(
      'NOT_A_CA',
      `${name}: "${notCa[0]!.subject.replace(/\n/g, ', ')}" không phải chứng thư của tổ chức cấp (CA) — chỉ nhập chứng thư CA gốc hoặc trung gian`,
      {
        en: `${name}: "${notCa[0]!.subject.replace(/\n/g, ', ')}" is not a CA certificate — import only root or intermediate CA certificates`,
      },
    );
  }
  const dir = trustDir(ctx);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const added: TrustEntry[] = [];
  const present: TrustEntry[] = [];
  for (const c of certs) {
    const e = entryOf(c, 'store');
    const file = join(dir, `${e.fingerprint}.pem`);
    if (existsSync(file)) {
      present.push(e);
      continue;
    }
    // Written then renamed (core/atomic-file.ts): a half-written anchor never appears.
    writeFileAtomic(file, c.toString(), 0o600);
    added.push(e);
  }
  void now;
  return { added, present };
}

export function removeTrusted(ctx: Pick<ServiceContext, 'dataDir' | 'home'>, fingerprint: string): TrustEntry {
  const fp = fingerprint.replace(/[:\s]/g, '').toLowerCase();
  const file = join(trustDir(ctx), `${fp}.pem`);
  if (!/^[0-9a-f]{64}$/.test(fp) || !existsSync(file)) {
    throw new AppError(
      'NOT_FOUND',
      `Không có chứng thư tin cậy với dấu vân tay ${fingerprint} (xem "kekhai trust list")`,
      { en: `No trusted certificate with fingerprint ${fingerprint} (see "kekhai trust list")` },
    );
  }
  const [c] = certificatesIn(readFileSync(file), file);
  rmSync(file);
  return entryOf(c!, 'store');
}

/** The 2015 test CA, trusted only for the bundled test certificate. */
function testAnchor(resourcesDir: string): TrustAnchor | null {
  const ca = join(resourcesDir, 'test-signing', 'test-ca.pem');
  const leaf = join(resourcesDir, 'test-signing', 'test-cert.pem');
  if (!existsSync(ca) || !existsSync(leaf)) return null;
  try {
    return {
      cert: certificatesIn(readFileSync(ca))[0]!,
      onlyForLeaf: fingerprintOf(certificatesIn(readFileSync(leaf))[0]!),
      source: 'built-in',
    };
  } catch {
    return null;
  }
}

/** Everything the verifier may chain to: the store, and the test CA for the test certificate only. */
export function trustAnchors(ctx: Pick<ServiceContext, 'dataDir' | 'home' | 'resourcesDir'>): TrustAnchor[] {
  const out: TrustAnchor[] = storeCertificates(ctx).map((cert) => ({ cert, source: 'store' as const }));
  const test = testAnchor(ctx.resourcesDir);
  if (test) out.push(test);
  return out;
}
