/**
 * Loaded PKCS#11 libraries. Cryptoki state is global to the process (PKCS#11 v2.40 §5.4: one C_Initialize per
 * library per process), so each library is loaded and initialised once and finalised when its last user leaves;
 * any failure path finalises too, or the next C_Initialize fails with CKR_CRYPTOKI_ALREADY_INITIALIZED
 * (toolchain notes §2, pitfall 2).
 */
// Default import on purpose: under ESM, `import * as` loses pkcs11js's constants (toolchain notes §2, pitfall 1).
import pkcs11js from 'pkcs11js';
import { CKR_MESSAGES, REMOVAL_CKRS } from '../../shared/signing/pkcs11-messages';
import { AppError } from '../core/app-error';
import { libraryArchitecture } from './library-arch';

export { pkcs11js };
export type P11 = InstanceType<typeof pkcs11js.PKCS11>;

interface Entry {
  p11: P11;
  refs: number;
  info: { manufacturerID: string; libraryDescription: string; cryptokiVersion: string; libraryVersion: string };
}

const loaded = new Map<string, Entry>();

export function ckrOf(e: unknown): string | null {
  const m = e && typeof (e as Error).message === 'string' ? /^(CKR_[A-Z0-9_]+)/.exec((e as Error).message) : null;
  return m ? m[1]! : null;
}

/** Any pkcs11js failure as an AppError `PKCS11:<CKR>` with a plain Vietnamese message. */
export function pkcs11Error(e: unknown, extra: Record<string, unknown> = {}): AppError {
  if (e instanceof AppError) return e;
  const ckr = ckrOf(e);
  if (!ckr) {
    return new AppError('PKCS11_LIBRARY', `Lỗi thư viện ký số: ${(e as Error)?.message ?? String(e)}`, {
      en: `Token library error: ${(e as Error)?.message ?? String(e)}`,
      details: extra,
      cause: e,
    });
  }
  const msg = CKR_MESSAGES[ckr] ?? { vi: `Token báo lỗi ${ckr}.`, en: `The token reported ${ckr}.` };
  return new AppError(`PKCS11:${ckr}`, msg.vi, {
    en: msg.en,
    details: { ckr, method: (e as { method?: string }).method, ...extra },
    cause: e,
  });
}

export function isRemoval(e: unknown): boolean {
  const code = e instanceof AppError ? String(e.code).replace(/^PKCS11:/, '') : ckrOf(e);
  return !!code && (REMOVAL_CKRS as readonly string[]).includes(code);
}

/** Loads and initialises `library` (or joins the existing load). Throws AppError with a reason a clerk can act on. */
export function acquireModule(library: string): P11 {
  const existing = loaded.get(library);
  if (existing) {
    existing.refs++;
    return existing.p11;
  }
  const arch = libraryArchitecture(library);
  if (arch.kind === 'missing') {
    throw new AppError(
      'PKCS11_LIBRARY_NOT_FOUND',
      `Không tìm thấy thư viện ký số ${library}. Hãy cài driver của nhà cung cấp chữ ký số.`,
      {
        en: `PKCS#11 library ${library} not found. Install the CA's token driver.`,
        details: { library },
      },
    );
  }
  if (arch.bits === 32 && process.arch === 'x64') {
    throw new AppError(
      'PKCS11_LIBRARY_32BIT',
      `Thư viện ${library} là bản 32-bit, không dùng được trong ứng dụng 64-bit. Hãy cài bản driver 64-bit của nhà cung cấp.`,
      {
        en: `${library} is a 32-bit library and cannot be loaded by the 64-bit app. Install the vendor's 64-bit driver.`,
        details: { library, bits: 32 },
      },
    );
  }
  const p11 = new pkcs11js.PKCS11();
  try {
    p11.load(library);
  } catch (e) {
    throw new AppError('PKCS11_LIBRARY_LOAD', `Không nạp được thư viện ký số ${library}: ${(e as Error).message}`, {
      en: `Cannot load PKCS#11 library ${library}: ${(e as Error).message}`,
      details: { library },
      cause: e,
    });
  }
  try {
    p11.C_Initialize();
  } catch (e) {
    if (ckrOf(e) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') {
      safe(() => p11.close());
      throw pkcs11Error(e, { library });
    }
  }
  let info: Entry['info'] = { manufacturerID: '', libraryDescription: '', cryptokiVersion: '', libraryVersion: '' };
  try {
    const i = p11.C_GetInfo();
    info = {
      manufacturerID: i.manufacturerID.trim(),
      libraryDescription: i.libraryDescription.trim(),
      cryptokiVersion: `${i.cryptokiVersion.major}.${i.cryptokiVersion.minor}`,
      libraryVersion: `${i.libraryVersion.major}.${i.libraryVersion.minor}`,
    };
  } catch {
    // Informational only.
  }
  loaded.set(library, { p11, refs: 1, info });
  return p11;
}

export function moduleInfo(library: string): Entry['info'] | null {
  return loaded.get(library)?.info ?? null;
}

/** Drops one user; the last one finalises and unloads. `force` (token removed) finalises now so a new session starts clean. */
export function releaseModule(library: string, force = false): void {
  const e = loaded.get(library);
  if (!e) return;
  e.refs--;
  if (e.refs > 0 && !force) return;
  loaded.delete(library);
  safe(() => e.p11.C_Finalize());
  safe(() => e.p11.close());
}

export function safe(fn: () => void): void {
  try {
    fn();
  } catch {
    // Cleanup must not mask the original failure.
  }
}
