import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { verifyDossierXml, type VerifiedFile } from '../../signing/verify';
import { readCertificate } from '../../signing/certificate';
import { AppError } from '../../core/app-error';

/**
 * Signature checks of the local I-VAN through the signing verifier (`verifyDossierXml`: envelope + every embedded
 * form, the shared strict reader, hostile XML refused). The training server accepts an intact signature from any
 * issuing CA (`valid`, not `trusted`) — a real gateway checks the licensed CA list — but it knows the bundled 2015
 * test certificate by serial. Certificate dates are judged at the receipt time unless the SigningTime is signed.
 */
export function testCertificateSerials(resourcesDir: string): string[] {
  const dir = join(resourcesDir, 'test-signing');
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    // test-ca.pem is the issuer, not a signing certificate.
    if (!/\.(pem|cer|crt)$/i.test(f) || /ca\./i.test(f)) continue;
    try {
      const pem = readFileSync(join(dir, f), 'utf8');
      const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
      if (m) out.push(readCertificate(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')).serial);
    } catch {
      // not a certificate; ignore
    }
  }
  return out;
}

export type SignatureOutcome = { ok: true; files: VerifiedFile[] } | { ok: false; message: string };

export function verifySignatures(xml: string, testSerials: string[], receivedAt?: Date): SignatureOutcome {
  try {
    return {
      ok: true,
      files: verifyDossierXml(Buffer.from(xml, 'utf8'), {
        name: 'BHXHDienTu.xml',
        testCertSerials: testSerials,
        now: receivedAt,
      }).files,
    };
  } catch (e) {
    return { ok: false, message: e instanceof AppError ? e.message : `Không đọc được hồ sơ: ${(e as Error).message}` };
  }
}
