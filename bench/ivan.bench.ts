/**
 * I-VAN reliability figures (issue 6, "Reliability"): 200 signed dossiers through the durable outbox to the local
 * I-VAN with `--fail-rate 0.3 --drop-response-rate 0.2`.
 * - stored exactly once: distinct dossiers stored / dossiers sent (goal ratio 1), and duplicates (goal 0);
 * - attempts per dossier next to the expected 1 / ((1 − 0.3)(1 − 0.2)) of independent failures;
 * - delivery time through the flaky server next to 200 plain POSTs to a perfect one (same machine, same run).
 */
import { performance } from 'node:perf_hooks';
import type { BenchHarness } from './harness';
import { startIvanServer } from '../electron/ivan/simulator/server';
import { listTransactions } from '../electron/ivan/simulator/store';
import { HttpIvanAdapter } from '../electron/ivan/http-adapter';
import { createTestContext } from '../tests/support/context';
import { makeTempDir, removeDir } from '../tests/support/tmp';
import { RESOURCES, signedDossier, testCertSigner } from '../tests/integration/ivan/fixtures';

const N = 200;

export default async function ivanBench(h: BenchHarness): Promise<void> {
  const signer = await testCertSigner();
  const dossiers: string[] = [];
  for (let i = 0; i < N; i++) dossiers.push(await signedDossier(signer, i));

  // Reference: a perfect I-VAN, one POST per dossier.
  const refDir = makeTempDir('kekhai-bench-ivan-ref-');
  const perfect = await startIvanServer({ dataDir: refDir, resourcesDir: RESOURCES, resultDelayMs: 60_000 });
  const direct = new HttpIvanAdapter({ endpoint: perfect.url });
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await direct.submit(Buffer.from(dossiers[i]!), `REF-${i}`, 'dossier');
  const refMs = performance.now() - t0;
  await perfect.close();
  removeDir(refDir);

  const srvDir = makeTempDir('kekhai-bench-ivan-srv-');
  const flaky = await startIvanServer({
    dataDir: srvDir,
    resourcesDir: RESOURCES,
    failRate: 0.3,
    dropResponseRate: 0.2,
    seed: 2015,
    resultDelayMs: 60_000,
  });
  const ctx = createTestContext();
  try {
    for (let i = 0; i < N; i++) {
      await ctx.value('ivan.outboxAdd', {
        file: { name: 'BHXHDienTu.xml', base64: Buffer.from(dossiers[i]!).toString('base64') },
        endpoint: flaky.url,
        dossierId: `B-${i}`,
      });
    }
    const t1 = performance.now();
    const r = await ctx.value('ivan.outboxSend', { untilEmpty: true, baseDelayMs: 5, poll: false });
    const ms = performance.now() - t1;
    const stored = listTransactions(flaky.db);
    const distinct = new Set(stored.map((s) => s.dossierId)).size;
    const attempts = r.entries.reduce((a, e) => a + e.attempts, 0) / N;
    h.figure({
      name: 'I-VAN: dossiers stored exactly once (fail 30 %, drop 20 %)',
      value: distinct,
      unit: 'dossiers',
      reference: 'dossiers queued',
      referenceValue: N,
      goal: 1,
    });
    h.figure({
      name: 'I-VAN: duplicate submissions stored',
      value: stored.length - distinct,
      unit: 'dossiers',
      reference: 'dossiers queued',
      referenceValue: N,
      goal: 0,
    });
    h.figure({
      name: 'I-VAN: attempts per dossier',
      value: attempts,
      unit: 'attempts',
      reference: 'expected 1/((1−0.3)(1−0.2)) for independent failures',
      referenceValue: 1 / (0.7 * 0.8),
      goal: 1.5,
      note: 'ratio above 1 = backoff retries beyond the failures injected',
    });
    h.figure({
      name: `I-VAN: delivery of ${N} dossiers through the outbox, flaky server`,
      value: ms,
      unit: 'ms',
      reference: `${N} direct POSTs to a perfect local I-VAN`,
      referenceValue: refMs,
      goal: null,
      note: 'includes 5 ms-base exponential backoff between retries',
    });
  } finally {
    ctx.close();
    await flaky.close();
    removeDir(srvDir);
  }
}
