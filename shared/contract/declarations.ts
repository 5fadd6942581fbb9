import { z } from 'zod';
import { defineMethods } from './define';
import { fileBlob } from './common';

// Owned by the B (declarations) work. Method names are `domain.verb`.

/** A draft crosses the boundary as plain JSON: its shape and rules are checked by `validateDraft`, so every problem
 * comes back as a FieldProblem with row and field instead of a bare schema error. */
const draftJson = z.record(z.string(), z.unknown());

export const fieldProblem = z.object({
  row: z.number().int().optional(),
  field: z.string().optional(),
  column: z.string().optional(),
  code: z.string(),
  message: z.string(),
  messageEn: z.string().optional(),
  severity: z.enum(['error', 'warning']).optional(),
});

export const draftValidation = z.object({
  ok: z.boolean(),
  errors: z.number().int(),
  warnings: z.number().int(),
  problems: z.array(fieldProblem),
});

const fundAmounts = z.object({
  pension: z.number(),
  sickness: z.number(),
  accident: z.number(),
  health: z.number(),
  unemployment: z.number(),
  total: z.number(),
});

export const contributionReport = z.object({
  rows: z.array(
    z.object({
      index: z.number().int(),
      plan: z.string(),
      month: z.string(),
      insuredSalary: z.number(),
      bases: z.object({ social: z.number(), health: z.number(), unemployment: z.number() }),
      capped: z.boolean(),
      rate: z.number(),
      employer: fundAmounts,
      employee: fundAmounts,
      total: z.number(),
    }),
  ),
  totals: z.object({
    employer: z.number(),
    employee: z.number(),
    total: z.number(),
    byFund: z.record(z.string(), z.object({ employer: z.number(), employee: z.number() })),
  }),
  skipped: z.array(z.number().int()),
});

export const builtForm = z.object({
  code: z.enum(['D02-TS', 'TK1-TS', 'D01-TS']),
  description: z.string(),
  fileName: z.string(),
  /** Base64 of the UTF-8 bytes, one line. */
  base64: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});

export const dossierState = z.enum([
  'draft',
  'signed',
  'queued',
  'sent',
  'received',
  'accepted',
  'rejected',
  'cancelled',
]);
export type DossierState = z.infer<typeof dossierState>;

export const dossierSummary = z.object({
  id: z.string(),
  unitCode: z.string(),
  procedure: z.string(),
  period: z.string(),
  batch: z.number().int(),
  state: dossierState,
  rowCount: z.number().int(),
  paperCopyRequired: z.boolean(),
  signer: z.string().nullable(),
  signedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DossierSummary = z.infer<typeof dossierSummary>;

export const dossierTransition = z.object({
  from: dossierState.nullable(),
  to: dossierState,
  at: z.string(),
  actor: z.string(),
  note: z.string().nullable(),
});

export const dossierDetail = dossierSummary.extend({
  draft: draftJson,
  draftSha256: z.string(),
  signedSha256: z.string().nullable(),
  signerMst: z.string().nullable(),
  transitions: z.array(dossierTransition),
  validation: draftValidation,
});
export type DossierDetail = z.infer<typeof dossierDetail>;

const id = z.string().uuid();
const period = z.string().regex(/^\d{2}\/\d{4}$/, 'Kỳ kê khai phải có dạng mm/yyyy');

export const declarationMethods = defineMethods({
  'declarations.validate': {
    summary: 'Kiểm tra tờ khai theo quy định tại kỳ kê khai / Validate a draft against the rules of its period',
    input: z.object({ draft: draftJson, dossierId: id.optional() }).strict(),
    output: draftValidation,
  },
  'declarations.contributions': {
    summary: 'Tính số tiền đóng theo quỹ, phần đơn vị và người lao động / Contributions by fund and share',
    input: z.object({ draft: draftJson }).strict(),
    output: contributionReport,
  },
  'declarations.build': {
    summary: 'Lập các tệp XML D02-TS, TK1-TS, D01-TS (chưa ký) / Build the unsigned form files',
    input: z.object({ draft: draftJson }).strict(),
    output: z.object({ files: z.array(builtForm), validation: draftValidation }),
    progress: true,
  },
  'declarations.rules': {
    summary: 'Tỷ lệ đóng, lương cơ sở, lương tối thiểu vùng và mức trần của một tháng / Rules in force in a month',
    input: z.object({ month: period }).strict(),
    output: z.object({
      month: z.string(),
      rates: z.object({
        employer: z.record(z.string(), z.number()),
        employee: z.record(z.string(), z.number()),
        source: z.string(),
      }),
      baseSalary: z.number(),
      regionalMinimum: z.record(z.string(), z.number()),
      trainedUpliftPct: z.number(),
      caps: z.array(
        z.object({ fund: z.string(), amountByRegion: z.record(z.string(), z.number()), source: z.string() }),
      ),
    }),
  },
  'dossier.list': {
    summary: 'Danh sách hồ sơ theo đơn vị, kỳ và trạng thái / Dossiers by unit, period and state',
    input: z
      .object({ unitCode: z.string().optional(), period: period.optional(), state: dossierState.optional() })
      .strict(),
    output: z.object({ dossiers: z.array(dossierSummary) }),
  },
  'dossier.get': {
    summary: 'Xem một hồ sơ: tờ khai, kiểm tra, lịch sử trạng thái / One dossier with its draft, checks and history',
    input: z.object({ id }).strict(),
    output: dossierDetail,
  },
  'dossier.create': {
    summary: 'Tạo hồ sơ mới (từ tờ khai hoặc từ đơn vị và kỳ) / Create a dossier',
    input: z
      .object({
        draft: draftJson.optional(),
        unitCode: z.string().optional(),
        period: period.optional(),
        batch: z.number().int().min(1).optional(),
      })
      .strict(),
    output: dossierDetail,
  },
  'dossier.saveDraft': {
    summary: 'Lưu tờ khai đang soạn (tự động khi gõ); sửa hồ sơ đã ký sẽ hủy chữ ký / Save the draft (autosave)',
    input: z
      .object({
        id,
        draft: draftJson,
        /**
         * The `draftSha256` this draft was edited from (as loaded or last saved). Given, the save is refused with
         * STALE when the stored draft changed since (another window or `kekhai`), unless it already holds this draft.
         */
        baseSha256: z.string().max(64).optional(),
      })
      .strict(),
    output: z.object({
      id: z.string(),
      state: dossierState,
      updatedAt: z.string(),
      draftSha256: z.string(),
      signatureVoided: z.boolean(),
      validation: draftValidation,
    }),
  },
  'dossier.importDraft': {
    summary: 'Nhập tệp kekhai-draft/1 thành hồ sơ mới / Import a kekhai-draft/1 file as a new dossier',
    input: z.object({ file: fileBlob }).strict(),
    output: dossierDetail,
  },
  'dossier.exportDraft': {
    summary: 'Xuất tờ khai ra tệp kekhai-draft/1 / Export the draft as kekhai-draft/1',
    input: z.object({ id }).strict(),
    output: fileBlob,
  },
  'dossier.fromRosterEvents': {
    summary: 'Tạo dòng D02-TS từ biến động danh sách lao động trong kỳ / Rows from roster events of the period',
    input: z.object({ id: id.optional(), unitCode: z.string(), period, append: z.boolean().default(false) }).strict(),
    output: z.object({
      rows: z.array(z.record(z.string(), z.unknown())),
      skipped: z.array(z.object({ employee: z.string(), reason: z.string() })),
      saved: z.boolean(),
    }),
  },
  'dossier.delete': {
    summary: 'Xóa hồ sơ nháp / Delete a draft dossier',
    input: z.object({ id }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
  'dossier.printHtml': {
    summary: 'Trang in các mẫu (A4 ngang) của hồ sơ hoặc tờ khai / Printable HTML of the forms',
    input: z.object({ id: id.optional(), draft: draftJson.optional() }).strict(),
    output: z.object({ html: z.string(), title: z.string() }),
  },
});
