import type { declarationMethods } from '../../shared/contract/declarations';
import { DRAFT_FORMAT } from '../../shared/draft/schema';
import { printHtml, printTitle } from '../../shared/forms/print-html';
import { capFor, rulesFor, RuleGapError } from '../../shared/rules/lookup';
import { isoMonth } from '../../shared/rules/month';
import { WAGE_REGIONS } from '../../shared/codes/wage-regions';
import { AppError, validationError } from '../core/app-error';
import type { Handlers } from '../core/handlers';
import { createDossier, deleteDossier, listDossiers, requireDossier, saveDraft } from './dossier-repo';
import { rowsFromRosterEvents } from './roster-events';
import { buildChecked, contributionsOf, requireDraft, toDetail, toSummary, validateWithContext } from './service';
import { formatDateVN } from '../../shared/format';
import { safeFileName } from '../../shared/security/file-name';

/** An empty draft for a unit and period, filled from the roster's unit when it is there. */
function emptyDraft(
  db: import('better-sqlite3').Database,
  unitCode: string,
  period: string,
  batch: number,
  createdOn: string,
): Record<string, unknown> {
  let unit: Record<string, unknown> = {
    code: unitCode,
    name: '',
    taxCode: '',
    agencyCode: '',
    phone: '',
    signer: '',
    address: '',
    wageRegion: '01',
  };
  let ivan = '';
  try {
    const u = db.prepare('SELECT * FROM units WHERE code = ?').get(unitCode) as
      Record<string, string | null> | undefined;
    if (u) {
      unit = {
        code: u.code,
        name: u.name ?? '',
        taxCode: u.tax_code ?? '',
        agencyCode: u.agency_code ?? '',
        phone: u.phone ?? '',
        signer: u.signer ?? '',
        address: u.address ?? '',
        wageRegion: u.wage_region ?? '01',
        email: u.email ?? '',
      };
      ivan = u.ivan_provider ?? '';
    }
  } catch {
    // No roster tables: the clerk fills the unit in the draft.
  }
  return { format: DRAFT_FORMAT, procedure: '600', period, batch, createdOn, ivan, unit, rows: [] };
}

export const declarationHandlers: Handlers<typeof declarationMethods> = {
  'declarations.validate': ({ draft, dossierId }, ctx) => {
    const { draft: _d, ...v } = validateWithContext(draft, ctx, dossierId);
    return v;
  },

  'declarations.contributions': ({ draft }) => contributionsOf(draft),

  'declarations.build': ({ draft }, ctx) => buildChecked(draft, ctx),

  'declarations.rules': ({ month }) => {
    const m = isoMonth(month);
    try {
      const r = rulesFor(m ?? '');
      const caps = (['social', 'health', 'unemployment'] as const).map((fund) => ({
        fund,
        amountByRegion: Object.fromEntries(WAGE_REGIONS.map((reg) => [reg, capFor(r, fund, reg, 'employerSet')])),
        source: r.caps.find((c) => c.fund === fund)?.source ?? '',
      }));
      return {
        month,
        rates: { employer: r.rates.employer, employee: r.rates.employee, source: r.rates.source },
        baseSalary: r.baseSalary,
        regionalMinimum: r.regionalMinimum,
        trainedUpliftPct: r.trainedUpliftPct,
        caps,
      };
    } catch (e) {
      if (e instanceof RuleGapError) throw new AppError('NOT_FOUND', e.message, { en: `No rules for ${month}` });
      throw e;
    }
  },

  'dossier.list': (f, ctx) => ({ dossiers: listDossiers(ctx.db, f).map(toSummary) }),

  'dossier.get': ({ id }, ctx) => toDetail(ctx, requireDossier(ctx.db, id)),

  'dossier.create': (input, ctx) => {
    let draft = input.draft;
    if (!draft) {
      if (!input.unitCode || !input.period) {
        throw validationError([
          {
            field: 'unitCode',
            code: 'REQUIRED',
            message: 'Cần mã đơn vị và kỳ kê khai, hoặc một tờ khai',
            messageEn: 'A unit code and period, or a draft, is required',
            severity: 'error',
          },
        ]);
      }
      const batch =
        input.batch ??
        1 +
          listDossiers(ctx.db, { unitCode: input.unitCode, period: input.period }).reduce(
            (m, d) => Math.max(m, d.batch),
            0,
          );
      draft = emptyDraft(ctx.db, input.unitCode, input.period, batch, formatDateVN(ctx.now()));
    }
    return toDetail(ctx, createDossier(ctx.db, draft, { at: ctx.now() }));
  },

  'dossier.saveDraft': ({ id, draft, baseSha256 }, ctx) => {
    const { record, signatureVoided } = saveDraft(ctx.db, id, draft, { at: ctx.now(), baseSha256 });
    const { draft: _d, ...validation } = validateWithContext(record.draft, ctx, id);
    return {
      id,
      state: record.state,
      updatedAt: record.updatedAt,
      draftSha256: record.draftSha256,
      signatureVoided,
      validation,
    };
  },

  'dossier.importDraft': ({ file }, ctx) => {
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8'));
    } catch (e) {
      throw new AppError('VALIDATION', `Tệp ${file.name} không phải JSON hợp lệ: ${(e as Error).message}`, {
        en: `${file.name} is not valid JSON`,
      });
    }
    requireDraft(json);
    return toDetail(ctx, createDossier(ctx.db, json as Record<string, unknown>, { at: ctx.now() }));
  },

  'dossier.exportDraft': ({ id }, ctx) => {
    const d = requireDossier(ctx.db, id);
    // The unit code and period are the draft's own (unchecked text): the one safe-name rule.
    const name = safeFileName(
      `kekhai-draft-${d.unitCode}-${d.period.replace('/', '-')}-dot${d.batch}.json`,
      'kekhai-draft.json',
    );
    return { name, base64: Buffer.from(`${JSON.stringify(d.draft, null, 2)}\n`, 'utf8').toString('base64') };
  },

  'dossier.fromRosterEvents': ({ id, unitCode, period, append }, ctx) => {
    const { rows, skipped } = rowsFromRosterEvents(ctx.db, unitCode, period, ctx.now(), id);
    let saved = false;
    if (id && append && rows.length) {
      const d = requireDossier(ctx.db, id);
      const existing = Array.isArray(d.draft.rows) ? (d.draft.rows as unknown[]) : [];
      saveDraft(ctx.db, id, { ...d.draft, rows: [...existing, ...rows] }, { at: ctx.now() });
      saved = true;
    }
    return { rows, skipped, saved };
  },

  'dossier.delete': ({ id }, ctx) => {
    deleteDossier(ctx.db, id);
    return { deleted: true };
  },

  'dossier.printHtml': ({ id, draft }, ctx) => {
    let input: unknown = draft;
    let paperCopyRequired = false;
    let stamp: string | undefined;
    if (id) {
      const d = requireDossier(ctx.db, id);
      input = d.draft;
      paperCopyRequired = d.paperCopyRequired;
      if (d.signedAt) stamp = `Đã ký số ngày ${formatDateVN(new Date(d.signedAt))} — ${d.signer ?? ''}`;
    }
    const parsed = requireDraft(input);
    return { html: printHtml(parsed, { paperCopyRequired, stamp }), title: printTitle(parsed) };
  },
};
