/**
 * Signing with a USB token through PKCS#11 (pkcs11js). The PIN is used for C_Login and, for keys with
 * CKA_ALWAYS_AUTHENTICATE, for the context-specific login before each signature; it lives only in this closure
 * until close() and is never logged, stored or returned.
 */
import { pkcs11Error, acquireModule, releaseModule, pkcs11js, safe, isRemoval, type P11 } from './pkcs11-module';
import { listCertificates, listKeys, matchKey, type TokenCert, type TokenKey } from './pkcs11-objects';
import { assertCanSign, checkCertificateAt, normaliseSerial } from './certificate';
import { sha256DigestInfo } from './digest-info';
import { AppError } from '../core/app-error';
import { PIN_STATE_MESSAGES, pinState, TOKEN_FLAGS, type PinState } from '../../shared/signing/pkcs11-messages';
import type { OpenSignerOptions, Signer, SignerSpec } from './signer';
import { expiryWarningText } from './warnings';

type Handle = Buffer;

export interface FoundToken {
  slot: Handle;
  label: string;
  serial: string;
  manufacturer: string;
  model: string;
  flags: number;
}

export function listTokens(p11: P11): FoundToken[] {
  const out: FoundToken[] = [];
  for (const slot of p11.C_GetSlotList(true)) {
    let t;
    try {
      t = p11.C_GetTokenInfo(slot);
    } catch {
      continue; // Removed between the two calls.
    }
    // SoftHSM (and some middleware) show an uninitialised extra slot (toolchain notes §2, pitfall 3).
    if (!(t.flags & TOKEN_FLAGS.CKF_TOKEN_INITIALIZED)) continue;
    out.push({
      slot,
      label: t.label.trim(),
      serial: t.serialNumber.trim(),
      manufacturer: t.manufacturerID.trim(),
      model: t.model.trim(),
      flags: t.flags,
    });
  }
  return out;
}

/** Picks the mechanism once from the token's list (never by trial and error: failed attempts can count against tokens). */
export function chooseMechanism(
  list: readonly number[],
  forceRaw = false,
): 'CKM_SHA256_RSA_PKCS' | 'CKM_RSA_PKCS' | null {
  if (!forceRaw && list.includes(pkcs11js.CKM_SHA256_RSA_PKCS)) return 'CKM_SHA256_RSA_PKCS';
  if (list.includes(pkcs11js.CKM_RSA_PKCS)) return 'CKM_RSA_PKCS';
  return null;
}

function pinAppError(
  ckr: 'CKR_PIN_INCORRECT' | 'CKR_PIN_LOCKED',
  state: PinState,
  token: FoundToken,
  cause?: unknown,
): AppError {
  const base = pkcs11Error(cause ?? new Error(ckr));
  const extra = PIN_STATE_MESSAGES[state];
  const vi =
    ckr === 'CKR_PIN_INCORRECT'
      ? `Mã PIN không đúng (token "${token.label}").${extra.vi ? ' ' + extra.vi : ''}`
      : base.message;
  const en =
    ckr === 'CKR_PIN_INCORRECT'
      ? `Wrong PIN (token "${token.label}").${extra.en ? ' ' + extra.en : ''}`
      : base.messageEn;
  return new AppError(`PKCS11:${ckr}`, vi, {
    en,
    details: { ckr, pinState: state, token: token.label, serial: token.serial },
    cause,
  });
}

export async function openPkcs11Signer(
  spec: Extract<SignerSpec, { kind: 'pkcs11' }>,
  now: Date,
  opts: OpenSignerOptions,
): Promise<Signer> {
  const library = spec.library;
  const p11 = acquireModule(library);
  let session: Handle | null = null;
  let loggedIn = false;
  let pin: string | undefined = spec.pin;
  const cleanup = (force = false) => {
    if (session) {
      const s = session;
      if (loggedIn) safe(() => p11.C_Logout(s));
      safe(() => p11.C_CloseSession(s));
    }
    session = null;
    loggedIn = false;
    pin = undefined;
    releaseModule(library, force);
  };
  try {
    const tokens = listTokens(p11);
    const token = tokens.find(
      (t) =>
        (!spec.tokenLabel || t.label === spec.tokenLabel.trim()) &&
        (!spec.tokenSerial || t.serial === spec.tokenSerial.trim()),
    );
    if (!token) {
      const which = spec.tokenLabel ? ` "${spec.tokenLabel}"` : spec.tokenSerial ? ` số sê-ri ${spec.tokenSerial}` : '';
      throw new AppError(
        'TOKEN_NOT_FOUND',
        `Không thấy token${which}. Hãy cắm USB token vào máy và kiểm tra driver (mục "Kiểm tra chữ ký số").`,
        {
          en: `Token${which} not found. Plug the USB token in and check its driver ("Signing check").`,
          details: { library, tokens: tokens.map((t) => ({ label: t.label, serial: t.serial })) },
        },
      );
    }
    // A locked PIN is never retried: check the flags before C_Login.
    const state = pinState(token.flags);
    if (state === 'locked') throw pinAppError('CKR_PIN_LOCKED', state, token);
    session = p11.C_OpenSession(token.slot, pkcs11js.CKF_SERIAL_SESSION);
    const protectedPath = (token.flags & TOKEN_FLAGS.CKF_PROTECTED_AUTHENTICATION_PATH) !== 0;
    if (token.flags & TOKEN_FLAGS.CKF_LOGIN_REQUIRED) {
      if (!pin && !protectedPath) {
        throw new AppError('PIN_REQUIRED', `Cần nhập mã PIN của token "${token.label}".`, {
          en: `Enter the PIN of token "${token.label}".`,
          details: { pinState: state },
        });
      }
      try {
        // PIN-pad readers (protected authentication path) ask on the device (PKCS#11 v2.40 §5.6 C_Login wants a NULL
        // pPin there). pkcs11js 2.1 always passes a string, so an empty PIN (length 0) is the closest we can send.
        p11.C_Login(session, pkcs11js.CKU_USER, pin ?? '');
        loggedIn = true;
      } catch (e) {
        const ckr = /^(CKR_[A-Z_]+)/.exec((e as Error).message ?? '')?.[1];
        if (ckr === 'CKR_USER_ALREADY_LOGGED_IN') loggedIn = true;
        else if (ckr === 'CKR_PIN_INCORRECT' || ckr === 'CKR_PIN_LOCKED') {
          let after = token.flags;
          try {
            after = p11.C_GetTokenInfo(token.slot).flags;
          } catch {
            // Keep the flags read before login.
          }
          throw pinAppError(ckr, pinState(after), token, e);
        } else throw e;
      }
    }
    const certs = listCertificates(p11, session);
    const privateKeys = listKeys(p11, session, pkcs11js.CKO_PRIVATE_KEY);
    const candidates: { cert: TokenCert; key: TokenKey; by: 'id' | 'modulus' }[] = [];
    for (const c of certs) {
      const m = matchKey(c, privateKeys);
      if (m) candidates.push({ cert: c, key: m.key, by: m.by });
    }
    let chosen: (typeof candidates)[number] | undefined = candidates[0];
    if (spec.certSerial) {
      const want = normaliseSerial(spec.certSerial);
      chosen = candidates.find((c) => normaliseSerial(c.cert.info.serial) === want);
      if (!chosen) {
        throw new AppError('CERT_NOT_FOUND', `Token không có chứng thư số sê-ri ${spec.certSerial} kèm khóa bí mật.`, {
          en: `The token has no certificate with serial ${spec.certSerial} and a matching private key.`,
          details: { certificates: candidates.map((c) => c.cert.info.serial) },
        });
      }
    } else {
      // Prefer a certificate that can sign now; otherwise report why the first one cannot.
      chosen =
        candidates.find((c) => checkCertificateAt(c.cert.info, now).validity === 'valid' && c.cert.info.canSign) ??
        candidates[0];
    }
    if (!chosen) {
      throw new AppError('CERT_NOT_FOUND', `Token "${token.label}" không có chứng thư số nào kèm khóa bí mật để ký.`, {
        en: `Token "${token.label}" has no certificate with a matching private key.`,
        details: { certificates: certs.length, privateKeys: privateKeys.length },
      });
    }
    assertCanSign(chosen.cert.info, now);
    const mechanism = chooseMechanism(p11.C_GetMechanismList(token.slot), opts.forceRawRsa);
    if (!mechanism) throw pkcs11Error(new Error('CKR_MECHANISM_INVALID'));
    const key = chosen.key;
    const certInfo = chosen.cert.info;
    let closed = false;

    const signer: Signer = {
      kind: 'pkcs11',
      certificateDer: certInfo.der,
      cert: certInfo,
      mechanism,
      warnings: expiryWarningText(certInfo, now),
      async sign(data: Buffer): Promise<Buffer> {
        if (closed || !session) {
          throw pkcs11Error(new Error('CKR_SESSION_CLOSED'));
        }
        const s = session;
        try {
          const input = mechanism === 'CKM_SHA256_RSA_PKCS' ? data : sha256DigestInfo(data);
          p11.C_SignInit(
            s,
            { mechanism: mechanism === 'CKM_SHA256_RSA_PKCS' ? pkcs11js.CKM_SHA256_RSA_PKCS : pkcs11js.CKM_RSA_PKCS },
            key.handle,
          );
          if (key.alwaysAuthenticate) {
            try {
              p11.C_Login(s, pkcs11js.CKU_CONTEXT_SPECIFIC, pin ?? '');
            } catch (e) {
              // The pending sign operation would block the session: close it (node-webcrypto-p11 rsa-ssa.ts does the same).
              closed = true;
              cleanup();
              throw e;
            }
          }
          // Async form runs on a worker thread, so a slow token does not block the event loop.
          return Buffer.from(await p11.C_SignAsync(s, input, Buffer.alloc(1024)));
        } catch (e) {
          const err = pkcs11Error(e, { library });
          if (isRemoval(err)) {
            closed = true;
            cleanup(true); // Rebuilt from scratch on the next openSigner.
          }
          throw err;
        }
      },
      async close() {
        if (closed) return;
        closed = true;
        cleanup();
      },
    };
    return signer;
  } catch (e) {
    const err = pkcs11Error(e, { library });
    cleanup(isRemoval(err));
    throw err;
  }
}
