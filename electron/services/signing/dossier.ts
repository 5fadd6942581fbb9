/** `signing.makeDossier`: draft → forms (declarations' builders) → each signed → envelope → signed. */
import type { ServiceContext } from '../../core/context';
import { validationError } from '../../core/app-error';
import { parseDraft } from '../../../shared/draft';
import { buildForms, buildEnvelope, envelopeInfoOf } from '../../../shared/forms';
import { makeSignedDossier, type SignedDossier } from '../../signing/make-dossier';
import type { SignerSpecInput } from '../../../shared/contract/signing';
import { checkMst, recordSignature, signedSummary, withSigner } from './sign-service';

export async function makeDossierFromDraft(
  ctx: ServiceContext,
  input: { draft: unknown; signer: SignerSpecInput; mstOverride?: { reason: string }; dossierRef?: string },
): Promise<SignedDossier & { summary: ReturnType<typeof signedSummary> }> {
  const parsed = parseDraft(input.draft);
  if (!parsed.ok) throw validationError(parsed.problems, `Bản nháp không hợp lệ: ${parsed.problems.length} lỗi`, `Invalid draft: ${parsed.problems.length} problem(s)`);
  const draft = parsed.draft;
  ctx.progress({ stage: 'build', done: 0, total: 1 });
  const forms = buildForms(draft);
  const info = envelopeInfoOf(draft);
  return withSigner(ctx, input.signer, async (signer) => {
    checkMst(ctx, signer, draft.unit.taxCode || undefined, input.mstOverride, input.dossierRef);
    ctx.progress({ stage: 'sign', done: 0, total: forms.length + 1 });
    const d = await makeSignedDossier({ forms, envelope: (files) => buildEnvelope(info, files) }, signer, ctx.now());
    for (const f of d.files) recordSignature(ctx, signer, f.fileName, Buffer.from(f.base64, 'base64'), input.dossierRef);
    const sha = recordSignature(ctx, signer, 'BHXHDienTu.xml', d.envelopeBytes, input.dossierRef);
    ctx.progress({ stage: 'sign', done: forms.length + 1, total: forms.length + 1 });
    return { ...d, summary: signedSummary(signer, sha) };
  });
}
