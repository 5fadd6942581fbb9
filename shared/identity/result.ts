/** Outcome of an identifier check: `reason` is Vietnamese (shown to the clerk), `reasonEn` English. */
export interface IdentityCheck {
  ok: boolean;
  /** Stable machine code, e.g. `MST_CHECK_DIGIT`, `CCCD_BIRTH_YEAR`. */
  code?: string;
  reason?: string;
  reasonEn?: string;
}

export const OK: IdentityCheck = Object.freeze({ ok: true });

export function fail(code: string, reason: string, reasonEn: string): IdentityCheck {
  return { ok: false, code, reason, reasonEn };
}
