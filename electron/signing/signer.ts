/** What signs: a USB token through PKCS#11, or the bundled 2015 test certificate. Both give RSA-SHA256 PKCS#1 v1.5. */
import type { CertInfo } from './certificate';

export interface Signer {
  kind: 'pkcs11' | 'test-cert';
  certificateDer: Buffer;
  /** The parsed certificate (subject, MST, validity…). */
  cert: CertInfo;
  /** RSA-SHA256 PKCS#1 v1.5 signature over `data`. */
  sign(data: Buffer): Promise<Buffer>;
  close(): Promise<void>;
  /** Expiry warnings and similar notes for the clerk (Vietnamese). */
  warnings: string[];
  /** PKCS#11 mechanism used: CKM_SHA256_RSA_PKCS, or CKM_RSA_PKCS over a DigestInfo. */
  mechanism?: 'CKM_SHA256_RSA_PKCS' | 'CKM_RSA_PKCS';
}

export type SignerSpec =
  | { kind: 'pkcs11'; library: string; tokenLabel?: string; tokenSerial?: string; certSerial?: string; pin?: string }
  | { kind: 'test-cert'; password: string; keyPath?: string; certPath?: string };

export interface OpenSignerOptions {
  /** Where `test-signing/test-cert.key.pem` and `test-cert.pem` live (defaults to the app's resources folder). */
  resourcesDir?: string;
  /** Tests only: ignore CKM_SHA256_RSA_PKCS in the mechanism list to exercise the DigestInfo path. */
  forceRawRsa?: boolean;
}

export async function openSigner(spec: SignerSpec, now: Date, opts: OpenSignerOptions = {}): Promise<Signer> {
  if (spec.kind === 'pkcs11') {
    const { openPkcs11Signer } = await import('./pkcs11-signer');
    return openPkcs11Signer(spec, now, opts);
  }
  const { openTestCertSigner } = await import('./test-cert-signer');
  return openTestCertSigner(spec, now, opts);
}
