/**
 * Token discovery: the data-driven list of PKCS#11 libraries (resources/pkcs11-libraries.json) for this OS with
 * %WINDIR%/%PROGRAMFILES% expanded, plus the libraries the clerk added; each probed (header, load, initialise,
 * slots with a token present, certificates).
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { libraryArchitecture } from './library-arch';
import { acquireModule, moduleInfo, pkcs11Error, pkcs11js, releaseModule, safe } from './pkcs11-module';
import { listTokens } from './pkcs11-signer';
import { listCertificates, listKeys, matchKey } from './pkcs11-objects';
import { checkCertificateAt } from './certificate';
import { pinState, tokenFlagNames, TOKEN_FLAGS } from '../../shared/signing/pkcs11-messages';
import { AppError } from '../core/app-error';
import type { LibraryReport, TokenReport } from '../../shared/contract/signing';
import { libraryListSchema, type LibraryListFile } from '../../shared/signing/library-list';

export function readLibraryList(resourcesDir: string): LibraryListFile {
  const file = join(resourcesDir, 'pkcs11-libraries.json');
  try {
    return libraryListSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new AppError('IO', `Danh sách thư viện PKCS#11 (${file}) không đọc được hoặc sai cấu trúc: ${why}`, {
      en: `The PKCS#11 library list (${file}) is unreadable or malformed: ${why}`,
    });
  }
}

export type Os = 'windows' | 'linux' | 'darwin';
export function currentOs(): Os {
  return process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'darwin' : 'linux';
}

/** `%WINDIR%`, `%PROGRAMFILES%` … from the environment, names matched case-insensitively (Windows env is). */
export function expandPath(p: string, env: Record<string, string | undefined> = process.env): string {
  const lower = new Map(Object.entries(env).map(([k, v]) => [k.toLowerCase(), v]));
  return p.replace(/%([A-Za-z0-9_()]+)%/g, (m, name: string) => {
    const v = lower.get(name.toLowerCase()) ?? (name.toUpperCase() === 'WINDIR' ? lower.get('systemroot') : undefined);
    return v ?? m;
  });
}

export interface Candidate {
  id: string;
  vendor: string;
  path: string;
  source: 'list' | 'user';
}

/** Listed libraries that exist on this machine, then the clerk's own paths (reported even when missing). */
export function candidateLibraries(
  list: LibraryListFile,
  userPaths: string[],
  os: Os = currentOs(),
  env = process.env,
): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const lib of list.libraries) {
    for (const p of lib.paths[os] ?? []) {
      const path = expandPath(p, env);
      if (!existsSync(path)) continue;
      // One library reached through a symlink (Debian links /usr/lib/softhsm → the multiarch folder) is probed once.
      const real = realpathSync(path);
      if (seen.has(real)) continue;
      seen.add(real);
      out.push({ id: lib.id, vendor: lib.vendor, path, source: 'list' });
    }
  }
  for (const path of userPaths) {
    const real = existsSync(path) ? realpathSync(path) : path;
    if (seen.has(real)) continue;
    seen.add(real);
    out.push({ id: 'user', vendor: 'Thư viện do người dùng thêm', path, source: 'user' });
  }
  return out;
}

/** Loads one library and describes every token and certificate on it. Never throws: problems are in `error`. */
export function probeLibrary(c: Candidate, now: Date): LibraryReport {
  const arch = libraryArchitecture(c.path);
  const base: LibraryReport = {
    id: c.id,
    vendor: c.vendor,
    path: c.path,
    source: c.source,
    found: arch.kind === 'file',
    bits: arch.kind === 'file' ? arch.bits : null,
    loaded: false,
    manufacturer: null,
    description: null,
    tokens: [],
    error: null,
  };
  if (arch.kind === 'missing') {
    return {
      ...base,
      error: {
        code: 'PKCS11_LIBRARY_NOT_FOUND',
        message: `Không có tệp ${c.path}`,
        messageEn: `${c.path} does not exist`,
      },
    };
  }
  let p11;
  try {
    p11 = acquireModule(c.path);
  } catch (e) {
    const err = e instanceof AppError ? e : pkcs11Error(e);
    return {
      ...base,
      error: { code: String(err.code), message: err.message, messageEn: err.messageEn ?? err.message },
    };
  }
  const info = moduleInfo(c.path);
  const report: LibraryReport = {
    ...base,
    loaded: true,
    manufacturer: info?.manufacturerID ?? null,
    description: info?.libraryDescription ?? null,
  };
  try {
    for (const t of listTokens(p11)) report.tokens.push(describeToken(p11, t, now));
  } catch (e) {
    const err = pkcs11Error(e);
    report.error = { code: String(err.code), message: err.message, messageEn: err.messageEn ?? err.message };
  } finally {
    releaseModule(c.path);
  }
  return report;
}

function describeToken(
  p11: ReturnType<typeof acquireModule>,
  t: ReturnType<typeof listTokens>[number],
  now: Date,
): TokenReport {
  const report: TokenReport = {
    label: t.label,
    serial: t.serial,
    manufacturer: t.manufacturer,
    model: t.model,
    flags: tokenFlagNames(t.flags),
    pinState: pinState(t.flags),
    loginRequired: (t.flags & TOKEN_FLAGS.CKF_LOGIN_REQUIRED) !== 0,
    protectedAuthenticationPath: (t.flags & TOKEN_FLAGS.CKF_PROTECTED_AUTHENTICATION_PATH) !== 0,
    certificates: [],
  };
  let session: Buffer | null = null;
  try {
    session = p11.C_OpenSession(t.slot, pkcs11js.CKF_SERIAL_SESSION);
    const certs = listCertificates(p11, session);
    // Without the PIN only public objects are visible: a private key seen here matches for sure; a public key with
    // the same CKA_ID/modulus means the pair is there; otherwise the check needs the PIN (done when signing).
    const priv = listKeys(p11, session, pkcs11js.CKO_PRIVATE_KEY);
    const pub = listKeys(p11, session, pkcs11js.CKO_PUBLIC_KEY);
    for (const c of certs) {
      const pm = matchKey(c, priv);
      const pubm = pm ? null : matchKey(c, pub);
      const check = checkCertificateAt(c.info, now);
      report.certificates.push({
        label: c.label,
        id: c.id?.toString('hex') ?? null,
        subject: c.info.subject,
        subjectCN: c.info.subjectCN,
        mst: c.info.mst,
        issuer: c.info.issuerCN,
        serial: c.info.serial,
        notBefore: c.info.notBefore.toISOString(),
        notAfter: c.info.notAfter.toISOString(),
        keyUsage: c.info.keyUsage,
        canSign: c.info.canSign,
        validity: check.validity,
        daysLeft: check.daysLeft,
        expiryWarningDays: check.expiryWarningDays,
        privateKey: pm
          ? pm.by === 'id'
            ? 'match-id'
            : 'match-modulus'
          : pubm
            ? pubm.by === 'id'
              ? 'pair-id'
              : 'pair-modulus'
            : 'needs-login',
      });
    }
  } finally {
    if (session) {
      const s = session;
      safe(() => p11.C_CloseSession(s));
    }
  }
  return report;
}
