import { createHash } from 'node:crypto';
import type { DossierDetail, DossierSummary } from '../../shared/contract/declarations';
import type { FieldProblem } from '../../shared/contract/result';
import { computeContributions } from '../../shared/contributions/compute';
import { parseDraft } from '../../shared/draft/parse';
import type { Draft } from '../../shared/draft/schema';
import { buildForms } from '../../shared/forms/build';
import { summarize, validateDraft, type DraftValidation } from '../../shared/validation/draft';
import { validationError } from '../core/app-error';
import type { ServiceContext } from '../core/context';
import { consistencyProblems } from './consistency';
import { listTransitions, type DossierRecord } from './dossier-repo';

/** Rules of the draft plus, with a database, the roster/dossier consistency checks. */
export function validateWithContext(
  input: unknown,
  ctx: Pick<ServiceContext, 'db'> | null,
  dossierId?: string,
): DraftValidation & { draft?: Draft } {
  const v = validateDraft(input);
  if (!v.draft || !ctx) return v;
  let extra: FieldProblem[] = [];
  try {
    extra = consistencyProblems(ctx.db, v.draft, dossierId);
  } catch {
    // The declarations tables are missing only in a database that was never migrated; rules still apply.
    extra = [];
  }
  return extra.length ? { ...summarize([...v.problems, ...extra]), draft: v.draft } : v;
}

/** The parsed draft, or a VALIDATION error listing every problem of its shape. */
export function requireDraft(input: unknown): Draft {
  const p = parseDraft(input);
  if (!p.ok)
    throw validationError(
      p.problems,
      `Tệp tờ khai không đúng định dạng kekhai-draft/1: ${p.problems.length} lỗi`,
      `Not a valid kekhai-draft/1 file: ${p.problems.length} problem(s)`,
    );
  return p.draft;
}

export function contributionsOf(input: unknown) {
  return computeContributions(requireDraft(input));
}

/** Forms of a draft with no error left (warnings allowed), as Base64 + SHA-256. */
export function buildChecked(input: unknown, ctx: Pick<ServiceContext, 'db'> | null) {
  const v = validateWithContext(input, ctx);
  if (!v.ok || !v.draft) {
    throw validationError(
      v.problems.filter((p) => p.severity !== 'warning'),
      `Tờ khai còn ${v.errors} lỗi, chưa lập được tệp`,
      `The draft has ${v.errors} error(s); no file was built`,
    );
  }
  const files = buildForms(v.draft).map((f) => {
    const bytes = Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
    return {
      code: f.code,
      description: f.description,
      fileName: f.fileName,
      base64: bytes.toString('base64'),
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  });
  const { draft: _d, ...validation } = v;
  return { files, validation };
}

export function toSummary(r: DossierRecord): DossierSummary {
  return {
    id: r.id,
    unitCode: r.unitCode,
    procedure: r.procedure,
    period: r.period,
    batch: r.batch,
    state: r.state,
    rowCount: r.rowCount,
    paperCopyRequired: r.paperCopyRequired,
    signer: r.signer,
    signedAt: r.signedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function toDetail(ctx: Pick<ServiceContext, 'db'>, r: DossierRecord): DossierDetail {
  const { draft: _d, ...validation } = validateWithContext(r.draft, ctx, r.id);
  return {
    ...toSummary(r),
    draft: r.draft,
    draftSha256: r.draftSha256,
    signedSha256: r.signedSha256,
    signerMst: r.signerMst,
    transitions: listTransitions(ctx.db, r.id),
    validation,
  };
}
