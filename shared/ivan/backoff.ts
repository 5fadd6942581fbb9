/**
 * Retry delays of the outbox sender: exponential backoff with "equal jitter" (half fixed, half random), capped,
 * so that a month-end outage does not turn into every client retrying at the same instant.
 * Pure: the random number is passed in.
 */
export interface BackoffPolicy {
  /** Delay after the first failed attempt, ms. */
  baseMs: number;
  /** Upper bound of any delay, ms. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 15 * 60_000 };

/** Delay before attempt `attempt + 1`, after `attempt` (≥ 1) failed attempts. `random` ∈ [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^(n-1) overflows to Infinity long before n is absurd; the cap takes over well before that.
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n - 1, 40));
  const r = Math.min(Math.max(random, 0), 0.999999);
  return Math.round(exp / 2 + (exp / 2) * r);
}
