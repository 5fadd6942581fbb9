/**
 * The states of a dossier (draft → signed → queued → sent → received → accepted | rejected, cancelled from queued)
 * and of an I-VAN registration (built → signed → the same outbox states), as the clerk reads them — one wording for
 * every screen, the audit log and the exported lists, so "Đã huỷ" on one screen is never "Đã hủy" on the next.
 */
export const STATE_LABELS = {
  draft: { vi: 'Nháp', en: 'Draft' },
  built: { vi: 'Đã lập, chưa ký', en: 'Built, not signed' },
  signed: { vi: 'Đã ký, chưa nộp', en: 'Signed, not submitted' },
  queued: { vi: 'Chờ gửi', en: 'Queued' },
  sent: { vi: 'Đã gửi I-VAN', en: 'Sent to the I-VAN' },
  // `sent`: the I-VAN took the file (its transaction id); `received`: its notification that BHXH took the dossier in
  // and gave it a số hồ sơ (shared/ivan/outbox-state.ts).
  received: { vi: 'BHXH đã tiếp nhận', en: 'Received by BHXH' },
  accepted: { vi: 'Được chấp nhận', en: 'Accepted' },
  rejected: { vi: 'Bị từ chối', en: 'Rejected' },
  cancelled: { vi: 'Đã huỷ', en: 'Cancelled' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type LabelledState = keyof typeof STATE_LABELS;

/** The label of a state in the clerk's language; a state this version does not know shows as its code. */
export function stateLabel(state: string, lang: 'vi' | 'en'): string {
  return Object.hasOwn(STATE_LABELS, state) ? STATE_LABELS[state as LabelledState][lang] : state;
}
