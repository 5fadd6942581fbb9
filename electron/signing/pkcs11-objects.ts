/** Finding certificates and private keys on a token, each attribute read on its own (vendor quirks: some tokens
 * throw CKR_ATTRIBUTE_TYPE_INVALID for attributes they do not keep — engineering notes §2.3). */
import { pkcs11js, safe, type P11 } from './pkcs11-module';
import { readCertificate, type CertInfo } from './certificate';

type Handle = Buffer;

export function findObjects(
  p11: P11,
  session: Handle,
  template: { type: number; value?: number | boolean | string | Buffer }[],
): Handle[] {
  p11.C_FindObjectsInit(session, template);
  const out: Handle[] = [];
  try {
    for (;;) {
      const batch = p11.C_FindObjects(session, 64);
      if (!batch.length) break;
      out.push(...batch);
    }
  } finally {
    safe(() => p11.C_FindObjectsFinal(session));
  }
  return out;
}

export function attr(p11: P11, session: Handle, obj: Handle, type: number): Buffer | null {
  try {
    const [a] = p11.C_GetAttributeValue(session, obj, [{ type }]);
    const v = a?.value;
    return Buffer.isBuffer(v) ? v : null;
  } catch {
    return null;
  }
}

export function boolAttr(p11: P11, session: Handle, obj: Handle, type: number): boolean {
  const v = attr(p11, session, obj, type);
  return !!v && v.length > 0 && v[0] !== 0;
}

export interface TokenCert {
  handle: Handle;
  id: Buffer | null;
  label: string;
  info: CertInfo;
}

export interface TokenKey {
  handle: Handle;
  id: Buffer | null;
  modulus: Buffer | null;
  alwaysAuthenticate: boolean;
}

export function listCertificates(p11: P11, session: Handle): TokenCert[] {
  const out: TokenCert[] = [];
  for (const h of findObjects(p11, session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
  ])) {
    const der = attr(p11, session, h, pkcs11js.CKA_VALUE);
    if (!der) continue;
    let info: CertInfo;
    try {
      info = readCertificate(der);
    } catch {
      continue; // Non-RSA or unreadable certificates (CA certificates of other vendors) are not signing candidates.
    }
    out.push({
      handle: h,
      id: attr(p11, session, h, pkcs11js.CKA_ID),
      label: attr(p11, session, h, pkcs11js.CKA_LABEL)?.toString('utf8') ?? '',
      info,
    });
  }
  return out;
}

export function listKeys(p11: P11, session: Handle, cls: number): TokenKey[] {
  return findObjects(p11, session, [{ type: pkcs11js.CKA_CLASS, value: cls }]).map((h) => ({
    handle: h,
    id: attr(p11, session, h, pkcs11js.CKA_ID),
    modulus: attr(p11, session, h, pkcs11js.CKA_MODULUS),
    alwaysAuthenticate:
      cls === pkcs11js.CKO_PRIVATE_KEY ? boolAttr(p11, session, h, pkcs11js.CKA_ALWAYS_AUTHENTICATE) : false,
  }));
}

function stripZeros(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

/** The key of a certificate: same CKA_ID (the convention), else the same RSA modulus (seen on real tokens). */
export function matchKey(cert: TokenCert, keys: TokenKey[]): { key: TokenKey; by: 'id' | 'modulus' } | null {
  if (cert.id && cert.id.length) {
    const k = keys.find((k) => k.id && k.id.equals(cert.id!));
    if (k) return { key: k, by: 'id' };
  }
  const mod = stripZeros(cert.info.modulus);
  const k = keys.find((k) => k.modulus && stripZeros(k.modulus).equals(mod));
  return k ? { key: k, by: 'modulus' } : null;
}
