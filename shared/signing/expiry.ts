/** Certificate expiry warnings: 30, 15 and 7 days before notAfter (issue 5 §2). */
export const EXPIRY_WARNING_DAYS = [30, 15, 7] as const;

export type ValidityState = 'valid' | 'expired' | 'not-yet-valid';

export interface ExpiryWarning {
  /** The threshold crossed (30, 15 or 7), or null when none. */
  threshold: number | null;
  daysLeft: number;
}

export function validityAt(notBefore: Date, notAfter: Date, at: Date): ValidityState {
  if (at.getTime() < notBefore.getTime()) return 'not-yet-valid';
  if (at.getTime() > notAfter.getTime()) return 'expired';
  return 'valid';
}

export function expiryWarning(notAfter: Date, now: Date): ExpiryWarning {
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000);
  let threshold: number | null = null;
  for (const t of EXPIRY_WARNING_DAYS) if (daysLeft < t) threshold = t;
  return { threshold: daysLeft < 0 ? null : threshold, daysLeft };
}
