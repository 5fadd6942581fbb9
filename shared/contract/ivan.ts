import { z } from 'zod';
import { defineMethods } from './define';
import { fileBlob } from './common';
import { signerSpec } from './signing';

// Owned by the D (I-VAN) work. Method names are `domain.verb`.

const outboxState = z.enum(['queued', 'sent', 'received', 'accepted', 'rejected', 'cancelled']);
const reason = z.object({ code: z.string(), message: z.string() });

export const ivanProvider = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  contracted2015: z.boolean(),
  note: z.string(),
  adapter: z.string(),
});

export const outboxEntry = z.object({
  id: z.number().int(),
  dossierId: z.string(),
  idempotencyKey: z.string(),
  unitCode: z.string().nullable(),
  providerCode: z.string().nullable(),
  endpoint: z.string(),
  fileName: z.string(),
  period: z.string().nullable(),
  state: outboxState,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastErrorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  transactionId: z.string().nullable(),
  receiptNo: z.string().nullable(),
  reasons: z.array(reason),
  paperCopyRequired: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /**
   * A sender (this window before a reload, another window, `kekhai outbox send`) holds the entry right now: it is
   * being sent, not waiting. Absent from older answers = false.
   */
  sending: z.boolean().optional(),
});
export type OutboxEntryDto = z.infer<typeof outboxEntry>;

export const providerSettings = z.object({
  unitCode: z.string(),
  providerCode: z.string(),
  endpoint: z.string(),
  username: z.string().nullable(),
  /** Whether a password is stored (it is never returned). */
  hasPassword: z.boolean(),
  trainingMode: z.boolean(),
  updatedAt: z.string(),
});

/**
 * How a clerk recognises a dossier (issue 13): the unit by code and name, the procedure (thủ tục 600, or the
 * registration form 04/05/06 ĐK-IVAN), the period, the batch (đợt) and the số hồ sơ when BHXH has given one.
 */
export const dossierLabel = z.object({
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  procedure: z.string().nullable(),
  period: z.string().nullable(),
  batch: z.number().int().nullable(),
  receiptNo: z.string().nullable(),
});
export type DossierLabel = z.infer<typeof dossierLabel>;

export const inboxItem = z
  .object({
    id: z.number().int(),
    outboxId: z.number().int().nullable(),
    dossierId: z.string().nullable(),
    fileName: z.string().nullable(),
    transactionId: z.string(),
    kind: z.enum(['received', 'accepted', 'rejected', 'c12ts']),
    at: z.string(),
    receiptNo: z.string().nullable(),
    reasons: z.array(reason),
    paperCopyRequired: z.boolean(),
    statement: z.unknown().nullable(),
    read: z.boolean(),
  })
  .extend(dossierLabel.omit({ receiptNo: true }).shape);
export type InboxItem = z.infer<typeof inboxItem>;

const transition = z.object({
  from: z.string().nullable(),
  to: z.string(),
  at: z.string(),
  note: z.string().nullable(),
});

export const historyItem = outboxEntry.extend({
  ...dossierLabel.shape,
  transitions: z.array(transition),
  receipts: z.array(z.object({ transactionId: z.string(), receivedAt: z.string(), acknowledgement: z.string() })),
});
export type HistoryItem = z.infer<typeof historyItem>;

const sendReport = z.object({
  attempted: z.number(),
  sent: z.number(),
  retrying: z.number(),
  held: z.number(),
  queued: z.number(),
});
const pollResult = z.object({
  endpoint: z.string(),
  fetched: z.number(),
  stored: z.number(),
  changed: z.number(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const registrationInput = z.object({
  form: z.enum(['04', '05', '06']),
  place: z.string(),
  date: z.string(),
  unitName: z.string(),
  unitCode: z.string(),
  address: z.string(),
  email: z.string(),
  phone: z.string(),
  procedures: z.array(z.string()),
  ivanCode: z.string(),
  ivanName: z.string(),
  certificate: z.object({ serial: z.string(), subject: z.string(), notBefore: z.string(), notAfter: z.string() }),
  reasons: z.array(z.number().int()).optional(),
  otherReason: z.string().optional(),
  newIvan: z.object({ code: z.string(), name: z.string() }).optional(),
  stopFrom: z.string().optional(),
});

const registrationRow = z.object({
  id: z.number().int(),
  unitCode: z.string(),
  form: z.enum(['04', '05', '06']),
  providerCode: z.string(),
  signed: z.boolean(),
  outboxId: z.number().int().nullable(),
  state: outboxState.nullable(),
  /** built (lập, chưa ký) → signed (đã ký) → the outbox states once submitted. */
  status: z.enum(['built', 'signed', 'queued', 'sent', 'received', 'accepted', 'rejected', 'cancelled']),
  createdAt: z.string(),
});

export const ivanMethods = defineMethods({
  'ivan.providers': {
    summary: 'Danh sách nhà cung cấp I-VAN / I-VAN providers',
    input: z.object({}).strict(),
    output: z.object({ version: z.string(), source: z.string(), providers: z.array(ivanProvider) }),
  },
  'ivan.settingsGet': {
    summary: 'Cài đặt I-VAN của đơn vị / A unit’s I-VAN settings',
    input: z.object({ unitCode: z.string().optional() }).strict(),
    output: z.object({
      settings: z.array(providerSettings),
      registrationPhase: z.enum(['before-deadline', 'paper-closed']),
      daysToDeadline: z.number().nullable(),
    }),
  },
  'ivan.settingsSave': {
    summary:
      'Lưu nhà cung cấp, địa chỉ và tài khoản I-VAN (mật khẩu được mã hoá) / Save provider, endpoint and credentials (encrypted)',
    input: z
      .object({
        unitCode: z.string().regex(/^[A-Z0-9]{7}$/),
        providerCode: z.string().regex(/^\d{5}$/),
        endpoint: z.string().min(1).max(500),
        username: z.string().max(200).nullable().optional(),
        password: z.string().max(500).nullable().optional(),
        trainingMode: z.boolean().optional(),
        viaChangeForm: z.boolean().optional(),
        /**
         * The settings' `updatedAt` as the form loaded them ('' = none were stored). Given, the save is refused
         * with STALE when another window or `kekhai` saved since, unless it already holds exactly these values.
         */
        expectedUpdatedAt: z.string().max(40).optional(),
      })
      .strict(),
    output: providerSettings,
  },
  'ivan.submit': {
    summary: 'Nộp ngay một hồ sơ đã ký (idempotent) / Submit a signed dossier now (idempotent)',
    input: z
      .object({
        file: fileBlob.optional(),
        endpoint: z.string().optional(),
        providerCode: z.string().optional(),
        dossierId: z.string().optional(),
        unitCode: z.string().optional(),
      })
      .strict(),
    output: z.object({
      transactionId: z.string(),
      status: z.string(),
      duplicate: z.boolean(),
      outboxId: z.number().int(),
    }),
    progress: true,
  },
  'ivan.status': {
    summary: 'Tra cứu trạng thái giao dịch trên I-VAN / Status of a transaction at the I-VAN',
    input: z.object({ transactionId: z.string(), endpoint: z.string().optional() }).strict(),
    output: z.object({
      status: z.enum(['received', 'accepted', 'rejected']),
      receiptNo: z.string().nullable(),
      reasons: z.array(reason),
      paperCopyRequired: z.boolean(),
    }),
  },
  'ivan.outboxAdd': {
    summary: 'Đưa hồ sơ đã ký vào hàng đợi gửi / Queue a signed dossier',
    /** Either a signed file, or the id of a signed dossier (its stored envelope is queued). */
    input: z
      .object({
        file: fileBlob.optional(),
        endpoint: z.string().optional(),
        dossierId: z.string().optional(),
        unitCode: z.string().optional(),
        providerCode: z.string().optional(),
      })
      .strict(),
    output: z.object({ entry: outboxEntry, created: z.boolean() }),
  },
  'ivan.outboxList': {
    summary: 'Hàng đợi gửi / The outbox',
    input: z.object({ states: z.array(outboxState).optional() }).strict(),
    output: z.array(outboxEntry),
  },
  'ivan.outboxSend': {
    summary: 'Gửi các hồ sơ trong hàng đợi (thử lại khi lỗi) / Deliver the outbox (with retries)',
    input: z
      .object({
        untilEmpty: z.boolean().optional(),
        baseDelayMs: z.number().int().min(1).max(3_600_000).optional(),
        poll: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ report: sendReport, polls: z.array(pollResult), entries: z.array(outboxEntry) }),
    progress: true,
  },
  'ivan.outboxCancel': {
    summary: 'Huỷ một hồ sơ đang chờ gửi / Cancel a queued dossier',
    input: z.object({ id: z.number().int() }).strict(),
    output: outboxEntry,
  },
  'ivan.outboxRetry': {
    summary: 'Gửi lại ngay hồ sơ đang chờ / Retry a queued dossier now',
    input: z.object({ id: z.number().int() }).strict(),
    output: outboxEntry,
  },
  'ivan.poll': {
    summary: 'Lấy thông báo kết quả từ I-VAN / Fetch result notifications',
    input: z.object({}).strict(),
    output: z.array(pollResult),
  },
  'ivan.inbox': {
    summary: 'Thông báo (tiếp nhận, kết quả, C12-TS) / Notifications inbox',
    input: z.object({ unreadOnly: z.boolean().optional() }).strict(),
    output: z.array(inboxItem),
  },
  'ivan.markRead': {
    summary: 'Đánh dấu đã đọc / Mark notifications read',
    input: z.object({ ids: z.array(z.number().int()) }).strict(),
    output: z.object({ updated: z.number() }),
  },
  'ivan.history': {
    summary: 'Tra cứu lịch sử giao dịch / Transaction history',
    input: z
      .object({
        query: z.string().max(200).optional(),
        period: z
          .string()
          .regex(/^\d{2}\/\d{4}$/)
          .optional(),
        states: z.array(outboxState).optional(),
      })
      .strict(),
    output: z.array(historyItem),
  },
  'ivan.signedFile': {
    summary: 'Tệp đã ký của một giao dịch / The signed bytes of an entry',
    input: z.object({ id: z.number().int() }).strict(),
    output: fileBlob,
  },
  'ivan.exportPeriod': {
    summary: 'Xuất một kỳ thành tệp zip / Export one period as a zip',
    input: z.object({ period: z.string().regex(/^\d{2}\/\d{4}$/) }).strict(),
    output: z.object({ file: fileBlob, count: z.number().int() }),
  },
  'ivan.registrationBuild': {
    summary: 'Lập tờ khai 04/ĐK-IVAN, 05/SĐ-IVAN, 06/NG-IVAN (chưa ký) / Build a registration form (unsigned)',
    input: registrationInput,
    output: z.object({ id: z.number().int(), file: fileBlob }),
  },
  'ivan.registrationSign': {
    summary: 'Ký tờ khai đăng ký I-VAN đã lập bằng chứng thư của đơn vị / Sign a built registration form',
    input: z
      .object({
        id: z.number().int(),
        signer: signerSpec,
        mstOverride: z.object({ reason: z.string().min(3).max(500) }).optional(),
      })
      .strict(),
    output: z.object({
      id: z.number().int(),
      status: z.enum(['built', 'signed', 'queued', 'sent', 'received', 'accepted', 'rejected', 'cancelled']),
    }),
  },
  'ivan.registrationSubmit': {
    summary:
      'Nộp tờ khai đăng ký I-VAN đã ký tại Hoso/CKy_Dvi (tệp, hoặc tờ khai đã lập và ký theo số) / Submit a signed registration form (a file, or a stored one by id)',
    input: z
      .object({
        file: fileBlob.optional(),
        id: z.number().int().optional(),
        endpoint: z.string().optional(),
        unitCode: z.string().optional(),
      })
      .strict()
      .refine((v) => Boolean(v.file) !== (v.id !== undefined), 'Cần đúng một trong hai: tệp đã ký hoặc số tờ khai'),
    output: z.object({ entry: outboxEntry }),
  },
  'ivan.registrations': {
    summary: 'Tình trạng đăng ký I-VAN / Registration state',
    input: z.object({ unitCode: z.string().optional() }).strict(),
    output: z.array(registrationRow),
  },
  'ivan.checkConnection': {
    summary:
      'Thử kết nối I-VAN: địa chỉ và tài khoản (một lần gọi thử, không gửi hồ sơ) / Test call: endpoint and account',
    input: z
      .object({
        endpoint: z.string().max(500),
        providerCode: z.string().optional(),
        username: z.string().max(200).nullable().optional(),
        /** Used for this call only, never stored or logged. */
        password: z.string().max(200).optional(),
        /** When given without a password: the unit's stored (encrypted) credentials. */
        unitCode: z.string().optional(),
      })
      .strict(),
    output: z.object({ ok: z.literal(true), endpoint: z.string() }),
  },
  'ivan.trainingStart': {
    summary: 'Bật máy chủ I-VAN tập huấn trên máy này / Start the local training I-VAN',
    input: z
      .object({
        unitCode: z
          .string()
          .regex(/^[A-Z0-9]{7}$/)
          .optional(),
      })
      .strict(),
    output: z.object({ endpoint: z.string() }),
  },
});
