/**
 * `kekhai dossier make`: draft → signed `BHXHDienTu.xml` on disk without the dossier ever being in memory whole
 * (issue 5: 50,000 rows within 300 MB). Same checks and records as `signing.makeDossier` (dossier.ts), whose
 * contract returns the envelope as Base64 and so cannot stream.
 */
import type { ServiceContext } from '../core/context';
import { validationError } from '../core/app-error';
import { parseDraft, type Draft } from '../../shared/draft';
import {
  buildEnvelope,
  envelopeInfoOf,
  FORM_DESCRIPTIONS,
  FORM_WRITERS,
  formsOf,
  needsTk1,
  type FormCode,
} from '../../shared/forms';
import { ByteWriter } from '../../shared/xml/byte-writer';
import { writeSignedDossier, type StreamForm } from './stream-dossier';
import type { SignerSpecInput } from '../../shared/contract/signing';
import { checkMst, recordSignedHash, signedSummary, withSigner } from './sign-service';

/**
 * Initial buffer size. A sizing hint only (the bytes do not depend on it): TK1-TS is pre-sized too, so a large one
 * does not grow by doubling and leave ~64 MB of outgrown buffers behind. ~1,340 bytes per D02-TS row and ~740 per
 * TK1-TS row at 50,000 rows; an overestimate of more than 2× costs one copy in `ByteWriter.document()`.
 */
function sizeHint(draft: Draft, code: FormCode): number {
  if (code === 'D02-TS') return 1024 + draft.rows.length * 1500;
  if (code === 'TK1-TS') return 1024 + draft.rows.filter(needsTk1).length * 900;
  return 1 << 14;
}

/** One form of `buildForms` (shared/forms/build.ts), built on demand: same writer and file name. */
function lazyForm(draft: Draft, code: FormCode): StreamForm {
  return {
    code,
    description: FORM_DESCRIPTIONS[code],
    fileName: `${code}-595.xml`,
    canonicalProducer: true,
    build() {
      const w = new ByteWriter(sizeHint(draft, code));
      FORM_WRITERS[code](draft, w);
      return w.document();
    },
  };
}

export async function makeDossierFile(
  ctx: ServiceContext,
  /** Reads the draft JSON; called once, so the raw object can be collected as soon as it is parsed. */
  readDraft: () => unknown,
  input: { signer: SignerSpecInput; mstOverride?: { reason: string }; dossierRef?: string },
  outPath: string,
) {
  const parsed = parseDraft(readDraft());
  if (!parsed.ok)
    throw validationError(
      parsed.problems,
      `Bản nháp không hợp lệ: ${parsed.problems.length} lỗi`,
      `Invalid draft: ${parsed.problems.length} problem(s)`,
    );
  const draft = parsed.draft;
  const info = envelopeInfoOf(draft);
  const forms = formsOf(draft).map((code) => lazyForm(draft, code));
  return withSigner(ctx, input.signer, async (signer) => {
    checkMst(ctx, signer, draft.unit.taxCode || undefined, input.mstOverride, input.dossierRef);
    ctx.progress({ stage: 'sign', done: 0, total: forms.length + 1 });
    const d = await writeSignedDossier(
      { forms, envelope: (files) => buildEnvelope(info, files) },
      signer,
      ctx.now(),
      outPath,
    );
    let sha = '';
    ctx.db.transaction(() => {
      for (const f of d.files) recordSignedHash(ctx, signer, f.fileName, f.sha256, input.dossierRef);
      sha = recordSignedHash(ctx, signer, 'BHXHDienTu.xml', d.sha256, input.dossierRef);
    })();
    ctx.progress({ stage: 'sign', done: forms.length + 1, total: forms.length + 1 });
    return {
      files: d.files.map((f) => ({
        code: f.code,
        description: f.description,
        fileName: f.fileName,
        sha256: f.sha256,
        bytes: f.bytes,
      })),
      ...signedSummary(signer, sha),
    };
  });
}
