import { join } from 'node:path';
import type { ServiceContext } from '../core/context';
import { tickingClock } from '../core/clock';
import { startIvanServer, type RunningIvanServer } from './simulator/server';

/**
 * "Chế độ tập huấn": a local I-VAN inside the app's process (browser-mode host or desktop utility process),
 * with its own store under `<data>/ivan-training`, so clerks can practise submitting without touching a provider.
 */
let running: Promise<RunningIvanServer> | null = null;

export function trainingServer(ctx: ServiceContext): Promise<RunningIvanServer> {
  running ??= startIvanServer({
    dataDir: join(ctx.dataDir, 'ivan-training'),
    resourcesDir: ctx.resourcesDir,
    resultDelayMs: 1500,
    now: tickingClock(ctx),
  }).catch((e: unknown) => {
    running = null;
    throw e;
  });
  return running;
}

export async function stopTrainingServer(): Promise<void> {
  const r = running;
  running = null;
  if (r) await (await r).close();
}
