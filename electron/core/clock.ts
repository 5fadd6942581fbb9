import type { ServiceContext } from './context';

/**
 * The app's clock for work that needs time to pass (sending, retries, the training I-VAN's "moment later"): the real
 * clock, or — while a test clock is set — the test clock ticking on from now. One clock per timeline: a dossier's
 * steps and its receipts all read in the same time (issue 13), and a frozen test clock never stalls a retry.
 */
export function tickingClock(ctx: Pick<ServiceContext, 'now'>): () => Date {
  const started = Date.now();
  return () => {
    const app = ctx.now().getTime();
    const real = Date.now();
    return new Date(Math.abs(app - real) < 5_000 ? real : app + (real - started));
  };
}
