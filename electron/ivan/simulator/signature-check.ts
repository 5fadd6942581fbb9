import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { verifyDossierXml, type VerifiedFile } from '../../signing/verify';
import { readCertificate } from '../../signing/certificate';
import { AppError } from '../../core/app-error';

/**
 * Signature checks of the local I-VAN through the signing verifier (`verifyDossierXml`: envelope + every embedded
 * form, streaming C14N, hostile XML refused). The training server trusts any issuing CA — a real gateway checks
 * the licensed CA list — but it knows the bundled 2015 test certificate by serial.
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

export function verifySignatures(xml: string, testSerials: string[]): SignatureOutcome {
  try {
    return { ok: true, files: verifyDossierXml(xml, { name: 'BHXHDienTu.xml', testCertSerials: testSerials }).files };
  } catch (e) {
    return { ok: false, message: e instanceof AppError ? e.message : `Không đọc được hồ sơ: ${(e as Error).message}` };
  }
}
