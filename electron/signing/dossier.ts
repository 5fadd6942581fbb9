/** `signing.makeDossier`: draft → forms (declarations' builders) → each signed → envelope → signed. */
import type { ServiceContext } from '../core/context';
import { AppError, notFound, validationError } from '../core/app-error';
import { getDossier, markSigned } from '../declarations/dossier-repo';
import { parseDraft } from '../../shared/draft';
import { buildForms, buildEnvelope, envelopeInfoOf } from '../../shared/forms';
import { makeSignedDossier, type SignedDossier } from './make-dossier';
import type { SignerSpecInput } from '../../shared/contract/signing';
import { checkMst, recordSignature, signedSummary, withSigner } from './sign-service';

export async function makeDossierFromDraft(
  ctx: ServiceContext,
  input: { draft: unknown; signer: SignerSpecInput; mstOverride?: { reason: string }; dossierRef?: string },
  /** Runs after signing, before the signatures are recorded (e.g. the dossier store's markSigned); a throw records nothing. */
  commit?: (d: SignedDossier) => void,
): Promise<SignedDossier & { summary: ReturnType<typeof signedSummary> }> {
  const parsed = parseDraft(input.draft);
  if (!parsed.ok)
    throw validationError(
      parsed.problems,
      `Bản nháp không hợp lệ: ${parsed.problems.length} lỗi`,
      `Invalid draft: ${parsed.problems.length} problem(s)`,
    );
  const draft = parsed.draft;
  ctx.progress({ stage: 'build', done: 0, total: 1 });
  const forms = buildForms(draft);
  const info = envelopeInfoOf(draft);
  return withSigner(ctx, input.signer, async (signer) => {
    checkMst(ctx, signer, draft.unit.taxCode || undefined, input.mstOverride, input.dossierRef);
    ctx.progress({ stage: 'sign', done: 0, total: forms.length + 1 });
    const d = await makeSignedDossier({ forms, envelope: (files) => buildEnvelope(info, files) }, signer, ctx.now());
    let sha = '';
    ctx.db.transaction(() => {
      commit?.(d);
      for (const f of d.files) recordSignature(ctx, signer, f.fileName, f.signedBytes, input.dossierRef);
      sha = recordSignature(ctx, signer, 'BHXHDienTu.xml', d.envelopeBytes, input.dossierRef);
    })();
    ctx.progress({ stage: 'sign', done: forms.length + 1, total: forms.length + 1 });
    return { ...d, summary: signedSummary(signer, sha) };
  });
}

/** `signing.signDossier`: a stored draft dossier → signed, through the declarations store (state + signed bytes). */
export async function signStoredDossier(
  ctx: ServiceContext,
  input: { dossierId: string; signer: SignerSpecInput; mstOverride?: { reason: string } },
) {
  const rec = getDossier(ctx.db, input.dossierId);
  if (!rec) throw notFound(`hồ sơ ${input.dossierId}`, `Dossier ${input.dossierId}`);
  if (rec.state !== 'draft') {
    // Checked before the token is touched (no PIN spent on a dossier that cannot be signed).
    throw new AppError('CONFLICT', `Chỉ ký được hồ sơ nháp; hồ sơ đang ở trạng thái "${rec.state}"`, {
      en: `Only a draft can be signed; the dossier is "${rec.state}"`,
    });
  }
  let state = rec.state as string;
  const d = await makeDossierFromDraft(
    ctx,
    { draft: rec.draft, signer: input.signer, mstOverride: input.mstOverride, dossierRef: input.dossierId },
    (signed) => {
      state = markSigned(ctx.db, input.dossierId, {
        envelope: signed.envelopeBytes,
        sha256: signed.sha256,
        signer: signed.signer,
        mst: signed.mst,
        paperCopyRequired: signed.paperCopyRequired,
        at: ctx.now(),
        // Another window may have edited the draft while the token signed: never store a signature of old rows.
        draftSha256: rec.draftSha256,
      }).state;
    },
  );
  return { dossierId: input.dossierId, state, d };
}
