/**
 * Failure injection of the local I-VAN server (`--fail-rate`, `--drop-response-rate`, `--latency-ms`), driven by a
 * seeded generator so that a failing test run can be replayed with the same `--seed`.
 */
export interface FailureOptions {
  /** Share of submissions answered 503 before anything is stored. */
  failRate: number;
  /** Share of submissions stored and then answered by destroying the socket (a lost response). */
  dropResponseRate: number;
  /** Added before every answer. */
  latencyMs: number;
  seed?: number;
}

/** mulberry32: small, fast, good enough to spread injected failures; not for anything secret. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function checkRates(o: FailureOptions): { vi: string; en: string } | null {
  for (const [k, v] of [
    ['fail-rate', o.failRate],
    ['drop-response-rate', o.dropResponseRate],
  ] as const) {
    if (!(v >= 0 && v < 1)) return { vi: `--${k} phải nằm trong [0, 1)`, en: `--${k} must be in [0, 1)` };
  }
  if (!(o.latencyMs >= 0 && o.latencyMs <= 600_000))
    return { vi: '--latency-ms phải trong khoảng 0–600000', en: '--latency-ms must be within 0–600000' };
  return null;
}
