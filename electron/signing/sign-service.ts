/**
 * Signing as a service: open the signer (token or test certificate), refuse a certificate of another unit unless the
 * clerk confirmed an override (recorded), sign, record the hash of the signed bytes, close the signer whatever happens.
 */
import { createHash } from 'node:crypto';
import type { ServiceContext } from '../core/context';
import { AppError } from '../core/app-error';
import { openSigner, type Signer, type SignerSpec } from './signer';
import { audit, currentActor } from '../system/settings';
import { PAPER_COPY_NOTICE } from '../../shared/signing/test-cert';
import { normaliseMst } from '../../shared/signing/mst';
import type { SignerSpecInput } from '../../shared/contract/signing';

export function toSignerSpec(s: SignerSpecInput): SignerSpec {
  return s.kind === 'pkcs11'
    ? {
        kind: 'pkcs11',
        library: s.library,
        tokenLabel: s.tokenLabel,
        tokenSerial: s.tokenSerial,
        certSerial: s.certSerial,
        pin: s.pin,
      }
    : { kind: 'test-cert', password: s.password };
}

/** Runs `work` with an open signer and always closes it (the PIN goes with it). */
export async function withSigner<T>(
  ctx: ServiceContext,
  spec: SignerSpecInput,
  work: (s: Signer) => Promise<T>,
): Promise<T> {
  const signer = await openSigner(toSignerSpec(spec), ctx.now(), { resourcesDir: ctx.resourcesDir });
  try {
    return await work(signer);
  } finally {
    await signer.close();
  }
}

/**
 * A token certificate must carry the unit's MST (head office or the same branch). The shared test certificate has
 * none and is exempt. A confirmed override is written to `mst_overrides` and the audit log.
 */
export function checkMst(
  ctx: ServiceContext,
  signer: Signer,
  unitMst: string | undefined,
  override: { reason: string } | undefined,
  dossierRef?: string,
): void {
  if (signer.kind !== 'pkcs11' || !unitMst) return;
  const certMst = signer.cert.mst;
  if (certMst === normaliseMst(unitMst)) return;
  if (!override) {
    throw new AppError(
      'MST_MISMATCH',
      `Chứng thư số trên token mang MST ${certMst ?? '(không có)'}, khác MST của đơn vị ${unitMst}. Hãy dùng đúng token của đơn vị, hoặc xác nhận ký thay (sẽ được ghi lại).`,
      {
        en: `The token certificate has MST ${certMst ?? '(none)'}, not the unit's ${unitMst}. Use the unit's token, or confirm an override (it is recorded).`,
        details: { unitMst, certMst, certSerial: signer.cert.serial, subject: signer.cert.subjectCN },
      },
    );
  }
  const at = ctx.now();
  ctx.db
    .prepare(
      'INSERT INTO mst_overrides(unit_mst, cert_mst, cert_serial, cert_subject, reason, actor, dossier_ref, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      unitMst,
      certMst,
      signer.cert.serial,
      signer.cert.subject,
      override.reason,
      currentActor(),
      dossierRef ?? null,
      at.toISOString(),
    );
  audit(ctx.db, {
    at,
    action: 'signing.mstOverride',
    subjectType: 'certificate',
    subjectId: signer.cert.serial,
    detail: { unitMst, certMst, reason: override.reason },
  });
}

export function recordSignature(
  ctx: ServiceContext,
  signer: Signer,
  fileName: string,
  bytes: Buffer | string,
  dossierRef?: string,
): string {
  return recordSignedHash(ctx, signer, fileName, createHash('sha256').update(bytes).digest('hex'), dossierRef);
}

/** As `recordSignature`, for signed bytes already hashed as they were written (the streaming dossier writer). */
export function recordSignedHash(
  ctx: ServiceContext,
  signer: Signer,
  fileName: string,
  sha256: string,
  dossierRef?: string,
): string {
  const paper = signer.kind === 'test-cert';
  ctx.db
    .prepare(
      `INSERT INTO signatures(dossier_ref, file_name, sha256, signer, mst, cert_serial, cert_issuer, signer_kind, paper_copy_required, notice, signed_at, test_mode)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      dossierRef ?? null,
      fileName,
      sha256,
      signer.cert.subjectCN,
      signer.cert.mst,
      signer.cert.serial,
      signer.cert.issuerCN,
      signer.kind,
      paper ? 1 : 0,
      paper ? PAPER_COPY_NOTICE : null,
      ctx.now().toISOString(),
      ctx.testMode ? 1 : 0,
    );
  return sha256;
}

export function signedSummary(signer: Signer, sha256: string) {
  const paper = signer.kind === 'test-cert';
  return {
    signer: signer.cert.subjectCN,
    mst: signer.cert.mst,
    certSerial: signer.cert.serial,
    signerKind: signer.kind,
    paperCopyRequired: paper,
    notice: paper ? PAPER_COPY_NOTICE : null,
    sha256,
    warnings: signer.warnings,
  };
}
