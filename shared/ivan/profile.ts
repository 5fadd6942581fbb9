/**
 * The KêKhai I-VAN HTTP profile (resources/openapi/kekhai-ivan.yaml) as data shared by the client adapter,
 * the local server and the UI: paths, header names and the JSON shapes (zod, so both ends validate).
 */
import { z } from 'zod';

export const PATHS = {
  health: '/v1/health',
  dossiers: '/v1/dossiers',
  dossier: (tx: string) => `/v1/dossiers/${encodeURIComponent(tx)}`,
  notifications: '/v1/notifications',
  registrations: '/v1/registrations',
} as const;
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const PROVIDER_HEADER = 'X-Ivan-Provider';

/** Our idempotency keys: the dossier id fixed at signing (or a content hash for loose files). */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/);
export const transactionId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
export const receiptNo = z.string().regex(/^\d{5}\/\d{4}\/\d{5}$/);
export const remoteStatus = z.enum(['received', 'accepted', 'rejected']);
export type RemoteStatus = z.infer<typeof remoteStatus>;

const reason = z.object({ code: z.string().max(64), message: z.string().max(2000) });
export type RemoteReason = z.infer<typeof reason>;

export const receiptBody = z.object({
  transactionId,
  dossierId: idempotencyKey,
  status: remoteStatus,
  receivedAt: z.string().max(40),
  /** True when this answer repeats an earlier submission with the same key and bytes. */
  duplicate: z.boolean(),
  acknowledgement: z.string().max(2000),
});
export type ReceiptBody = z.infer<typeof receiptBody>;

export const statusBody = z.object({
  transactionId,
  dossierId: idempotencyKey,
  status: remoteStatus,
  receiptNo: receiptNo.nullable(),
  reasons: z.array(reason).max(200),
  paperCopyRequired: z.boolean(),
  receivedAt: z.string().max(40),
  decidedAt: z.string().max(40).nullable(),
});
export type StatusBody = z.infer<typeof statusBody>;

/** C12-TS "thông báo kết quả đóng" lines (domain reference §2.3), money in VND. */
export const c12Line = z.object({
  code: z.string().max(16),
  label: z.string().max(200),
  bhxh: z.number(),
  bhyt: z.number(),
  bhtn: z.number(),
  bhtnld: z.number(),
  cong: z.number(),
});

export const notificationBody = z.object({
  id: z.number().int().nonnegative(),
  transactionId,
  dossierId: idempotencyKey,
  kind: z.enum(['received', 'accepted', 'rejected', 'c12ts']),
  at: z.string().max(40),
  receiptNo: receiptNo.nullable(),
  reasons: z.array(reason).max(200),
  paperCopyRequired: z.boolean(),
  statement: z
    .object({
      period: z.string().max(7),
      agencyCode: z.string().max(5),
      unitCode: z.string().max(7),
      lines: z.array(c12Line).max(100),
    })
    .nullable(),
  /** With `accepted`: the mã số BHXH assigned to new participants (TM rows without one), by ID number. */
  insuranceNumbers: z
    .array(
      z.object({
        idNumber: z.string().max(20),
        fullName: z.string().max(200),
        insuranceNo: z.string().regex(/^\d{10}$/),
      }),
    )
    .max(100000)
    .optional(),
});
export type NotificationBody = z.infer<typeof notificationBody>;

export const notificationsPage = z.object({
  items: z.array(notificationBody).max(1000),
  next: z.number().int().nonnegative(),
});
export type NotificationsPage = z.infer<typeof notificationsPage>;

export const errorBody = z.object({ error: z.object({ code: z.string().max(64), message: z.string().max(2000) }) });
