/**
 * SoftHSM2 tokens for tests: a private token store in a temp folder, an RSA-2048 key pair generated ON the token,
 * and a certificate with a Vietnamese organisation subject (`UID=MST:…`) issued by a software test CA, stored on the
 * token with the key's CKA_ID.
 *
 * Every PKCS#11 step runs in a child `node` process with `SOFTHSM2_CONF` set, so the calling test process keeps a
 * clean Cryptoki state (Cryptoki is global per process; toolchain notes §2 pitfall 2).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyPairSync, randomBytes, createPublicKey, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { certificatePem, issueCertificate, parseName, type KeyUsageName } from './x509-issue';

export type { KeyUsageName };

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

const ORG_ID_OID = '2.5.4.97';

export interface SoftHsmTokenOptions {
  label: string;
  pin: string;
  soPin: string;
  /** Full subject DN (RFC 4514 order as written). Default: a Vietnamese company with `UID=MST:<mst>`. */
  subject?: string;
  /** Tax code put into `UID=MST:…` of the default subject. Default 0101234567. */
  mst?: string;
  /** Put the MST in `organizationIdentifier` (2.5.4.97) as `MST:…` instead of UID. */
  mstInOrganizationIdentifier?: boolean;
  /** Company name (CN and O) of the default subject. */
  organisation?: string;
  notBefore?: Date;
  notAfter?: Date;
  keyUsage?: KeyUsageName[];
  /** CKA_ID of the key pair, hex. Default 01. */
  keyId?: string;
  /** CKA_ID of the certificate, hex. Default = keyId (a different value exercises the modulus fallback). */
  certId?: string;
  /** CKA_ALWAYS_AUTHENTICATE on the private key (context-specific login before each signature). */
  alwaysAuthenticate?: boolean;
  /** Store no certificate on the token. */
  withoutCertificate?: boolean;
}

export interface SoftHsmToken {
  conf: string;
  env: { SOFTHSM2_CONF: string };
  module: string;
  label: string;
  serial: string;
  pin: string;
  soPin: string;
  certPem: string;
  certDer: Buffer;
  caPem: string;
  dir: string;
  /** Writes certPem/caPem into the token folder and returns their paths (for xmlsec1 --trusted-pem). */
  files: { cert: string; ca: string };
  /**
   * ORs bits into the token's stored CK_TOKEN_INFO flags (e.g. 0x40000 CKF_USER_PIN_LOCKED, 0x20000
   * CKF_USER_PIN_FINAL_TRY). SoftHSM never locks a PIN by itself, but it honours a stored CKF_USER_PIN_LOCKED
   * (C_Login returns CKR_PIN_LOCKED) and reports the flags, so the app's flag handling meets a real library.
   * Call while no process has the token open.
   */
  setTokenFlags(bits: number): void;
  cleanup(): void;
}

/** SoftHSM file store: attribute CKA_OS_TOKENFLAGS (0x8000534B), type 2 (CK_ULONG), value 8 bytes big-endian. */
function setStoredTokenFlags(tokensDir: string, bits: number): void {
  const [uuid] = readdirSync(tokensDir);
  if (!uuid) throw new Error('no SoftHSM token folder');
  const file = join(tokensDir, uuid, 'token.object');
  const buf = readFileSync(file);
  const marker = Buffer.from('000000008000534b0000000000000002', 'hex');
  const at = buf.indexOf(marker);
  if (at < 0) throw new Error('CKA_OS_TOKENFLAGS not found in token.object');
  const off = at + marker.length;
  buf.writeBigUInt64BE(buf.readBigUInt64BE(off) | BigInt(bits), off);
  writeFileSync(file, buf);
}

interface TestCa {
  key: KeyObject;
  spki: Buffer;
  name: string;
  pem: string;
}

let ca: TestCa | undefined;

/** One software test CA per process: "KêKhai Test CA". */
export function testCa(): TestCa {
  if (ca) return ca;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = 'C=VN, O=KeKhai BHXH Test, CN=KeKhai Test CA';
  const der = issueCertificate({
    serialHex: '01',
    subject: parseName(name),
    issuer: parseName(name),
    notBefore: new Date('2010-01-01T00:00:00Z'),
    notAfter: new Date('2049-12-31T00:00:00Z'),
    publicKeySpki: spki,
    signingKey: privateKey,
    issuerSpki: spki,
    ca: true,
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  ca = { key: privateKey, spki, name, pem: certificatePem(der) };
  return ca;
}

/** Runs a CommonJS snippet in a child node with the token's SOFTHSM2_CONF; the snippet prints JSON on stdout. */
function runP11(conf: string, script: string, input: unknown): any {
  const out = execFileSync(process.execPath, ['--input-type=commonjs', '-e', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, SOFTHSM2_CONF: conf, P11_INPUT: JSON.stringify(input) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out);
}

const P11_PRELUDE = `
const p = require('pkcs11js'); const I = JSON.parse(process.env.P11_INPUT);
const m = new p.PKCS11(); m.load(I.module); m.C_Initialize();
let out;
try {
  const slot = m.C_GetSlotList(true).find(s => m.C_GetTokenInfo(s).label.trim() === I.label);
  if (!slot) throw new Error('token not found ' + I.label);
  const info = m.C_GetTokenInfo(slot);
  const s = m.C_OpenSession(slot, p.CKF_SERIAL_SESSION | p.CKF_RW_SESSION);
  m.C_Login(s, p.CKU_USER, I.pin);
  try { out = main(s, info); } finally { m.C_Logout(s); m.C_CloseSession(s); }
} finally { m.C_Finalize(); m.close(); }
process.stdout.write(JSON.stringify(out));
`;

const GENERATE_KEY = `
function main(s, info) {
  const id = Buffer.from(I.keyId, 'hex');
  const keys = m.C_GenerateKeyPair(s, { mechanism: p.CKM_RSA_PKCS_KEY_PAIR_GEN }, [
    { type: p.CKA_TOKEN, value: true }, { type: p.CKA_ID, value: id }, { type: p.CKA_LABEL, value: I.label + '-KEY' },
    { type: p.CKA_VERIFY, value: true }, { type: p.CKA_MODULUS_BITS, value: 2048 },
    { type: p.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
  ], [
    { type: p.CKA_TOKEN, value: true }, { type: p.CKA_ID, value: id }, { type: p.CKA_LABEL, value: I.label + '-KEY' },
    { type: p.CKA_PRIVATE, value: true }, { type: p.CKA_SENSITIVE, value: true }, { type: p.CKA_EXTRACTABLE, value: false },
    { type: p.CKA_SIGN, value: true }, { type: p.CKA_ALWAYS_AUTHENTICATE, value: !!I.alwaysAuthenticate },
  ]);
  const a = m.C_GetAttributeValue(s, keys.publicKey, [{ type: p.CKA_MODULUS }, { type: p.CKA_PUBLIC_EXPONENT }]);
  return { serial: info.serialNumber.trim(), n: a[0].value.toString('base64'), e: a[1].value.toString('base64') };
}`;

const STORE_CERT = `
function main(s) {
  const der = Buffer.from(I.certDer, 'base64');
  m.C_CreateObject(s, [
    { type: p.CKA_CLASS, value: p.CKO_CERTIFICATE }, { type: p.CKA_CERTIFICATE_TYPE, value: p.CKC_X_509 },
    { type: p.CKA_TOKEN, value: true }, { type: p.CKA_PRIVATE, value: false }, { type: p.CKA_ID, value: Buffer.from(I.certId, 'hex') },
    { type: p.CKA_LABEL, value: I.label + '-CERT' }, { type: p.CKA_SUBJECT, value: Buffer.from(I.subjectDer, 'base64') },
    { type: p.CKA_VALUE, value: der },
  ]);
  return { ok: true };
}`;

export function defaultSubject(mst: string, organisation: string, inOrgId = false): string {
  const id = inOrgId ? `${ORG_ID_OID}=MST:${mst}` : `UID=MST:${mst}`;
  return `C=VN, ST=Hà Nội, L=Quận Cầu Giấy, O=${organisation}, CN=${organisation}, ${id}`;
}

export async function createSoftHsmToken(opts: SoftHsmTokenOptions): Promise<SoftHsmToken> {
  const dir = mkdtempSync(join(tmpdir(), 'kekhai-softhsm-'));
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(
    conf,
    `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`,
  );
  const env = { SOFTHSM2_CONF: conf };
  try {
    execFileSync(
      'softhsm2-util',
      ['--init-token', '--free', '--label', opts.label, '--so-pin', opts.soPin, '--pin', opts.pin],
      {
        env: { ...process.env, ...env },
        stdio: 'pipe',
      },
    );
    const keyId = opts.keyId ?? '01';
    const gen = runP11(conf, GENERATE_KEY + P11_PRELUDE, {
      module: SOFTHSM_MODULE,
      label: opts.label,
      pin: opts.pin,
      keyId,
      alwaysAuthenticate: opts.alwaysAuthenticate ?? false,
    }) as { serial: string; n: string; e: string };

    const spki = createPublicKey({ key: { kty: 'RSA', n: b64url(gen.n), e: b64url(gen.e) }, format: 'jwk' }).export({
      type: 'spki',
      format: 'der',
    });
    const authority = testCa();
    const organisation = opts.organisation ?? 'CÔNG TY TNHH MẪU KÊ KHAI';
    const subject = parseName(
      opts.subject ?? defaultSubject(opts.mst ?? '0101234567', organisation, opts.mstInOrganizationIdentifier),
    );
    const now = Date.now();
    const certDer = issueCertificate({
      serialHex: '4b' + randomBytes(8).toString('hex'),
      subject,
      issuer: parseName(authority.name),
      notBefore: opts.notBefore ?? new Date(now - 24 * 3600_000),
      notAfter: opts.notAfter ?? new Date(now + 2 * 365 * 24 * 3600_000),
      publicKeySpki: spki,
      signingKey: authority.key,
      issuerSpki: authority.spki,
      ca: false,
      keyUsage: opts.keyUsage ?? ['digitalSignature', 'nonRepudiation'],
    });
    if (!opts.withoutCertificate) {
      runP11(conf, STORE_CERT + P11_PRELUDE, {
        module: SOFTHSM_MODULE,
        label: opts.label,
        pin: opts.pin,
        certId: opts.certId ?? keyId,
        certDer: certDer.toString('base64'),
        subjectDer: Buffer.from(AsnConvert.serialize(subject)).toString('base64'),
      });
    }
    const certPem = certificatePem(certDer);
    const files = { cert: join(dir, 'cert.pem'), ca: join(dir, 'ca.pem') };
    writeFileSync(files.cert, certPem + '\n');
    writeFileSync(files.ca, authority.pem + '\n');
    return {
      conf,
      env,
      module: SOFTHSM_MODULE,
      label: opts.label,
      serial: gen.serial,
      pin: opts.pin,
      soPin: opts.soPin,
      certPem,
      certDer,
      caPem: authority.pem,
      dir,
      files,
      setTokenFlags: (bits) => setStoredTokenFlags(tokens, bits),
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function b64url(b64: string): string {
  return b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
