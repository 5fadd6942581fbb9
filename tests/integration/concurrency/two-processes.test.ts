/**
 * Issue #12, item 6, with real processes: two `kekhai outbox send` at once against the local I-VAN server send each
 * dossier once (counted at the server's door, before its idempotency check could hide a double send), and two
 * `kekhai roster import` at once both complete instead of failing with a raw "database is locked".
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startIvanServer, type RunningIvanServer } from '../../../electron/ivan/simulator/server';
import { listTransactions } from '../../../electron/ivan/simulator/store';
import { CLI, runCli, unitAddArgs } from '../../support/cli';
import { createTestContext } from '../../support/context';
import { countingDoor } from '../../support/counting-door';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT } from '../../support/units';
import { RESOURCES, signedDossier, testCertSigner } from '../ivan/fixtures';
import { HEADERS, makeEmployees, toRow, writeXlsx } from '../../fixtures/roster/generate';

let dir: string;
beforeAll(() => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  dir = makeTempDir('kekhai-concurrency-');
});
afterAll(() => removeDir(dir));

describe('two processes at once', () => {
  test('two `outbox send` at once: every dossier reaches the I-VAN exactly once', async () => {
    const server: RunningIvanServer = await startIvanServer({
      dataDir: join(dir, 'srv'),
      resourcesDir: RESOURCES,
      resultDelayMs: 10,
      latencyMs: 150,
    });
    const door = await countingDoor(server.url);
    const data = join(dir, 'sender');
    const N = 24;
    try {
      const signer = await testCertSigner();
      const ctx = createTestContext({ dataDir: data });
      for (let i = 0; i < N; i++) {
        await ctx.value('ivan.outboxAdd', {
          file: { name: 'BHXHDienTu.xml', base64: Buffer.from(await signedDossier(signer, i)).toString('base64') },
          endpoint: door.url,
          dossierId: `DOS-${i}`,
        });
      }
      ctx.close();

      const [a, b] = await Promise.all([
        runCli(['outbox', 'send', '--no-poll', '--json'], { data }),
        runCli(['outbox', 'send', '--no-poll', '--json'], { data }),
      ]);
      expect(a.code, a.stderr + a.stdout).toBe(0);
      expect(b.code, b.stderr + b.stdout).toBe(0);
      // Both did work (the race was real), and between them every dossier was sent once.
      expect(a.json.report.sent + b.json.report.sent).toBe(N);
      expect(door.posts()).toBe(N);
      expect(listTransactions(server.db)).toHaveLength(N);
      const db = new Database(join(data, 'kekhai.db'), { readonly: true });
      const rows = db.prepare('SELECT state, attempts, claimed_until FROM ivan_outbox').all() as {
        state: string;
        attempts: number;
        claimed_until: string | null;
      }[];
      db.close();
      expect(rows.every((r) => r.state === 'sent' && r.attempts === 1 && r.claimed_until === null)).toBe(true);
    } finally {
      await door.close();
      await server.close();
    }
  }, 120_000);

  test('two `roster import` at once into one database both complete (the second waits)', async () => {
    const data = join(dir, 'importer');
    const NOW = '2026-01-15T10:00:00+07:00';
    const unit = await runCli(
      [...unitAddArgs({ ...SAIGON_UNIT, name: 'Công ty May Sài Gòn' }), '--now', NOW, '--json'],
      { data },
    );
    expect(unit.code, unit.stderr).toBe(0);
    const files = [join(dir, 'a.xlsx'), join(dir, 'b.xlsx')];
    await writeXlsx(
      files[0]!,
      HEADERS,
      makeEmployees(3000, 7).map((e, i) => toRow(e, i)),
    );
    await writeXlsx(
      files[1]!,
      HEADERS,
      makeEmployees(3000, 8).map((e, i) => toRow(e, i)),
    );
    const runs = await Promise.all(
      files.map((f) => runCli(['roster', 'import', f, '--unit', 'TS12345', '--now', NOW, '--json'], { data })),
    );
    for (const r of runs) {
      expect(r.code, r.stderr + r.stdout).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/database is locked|INTERNAL/);
      expect(r.json.imported + r.json.updated).toBeGreaterThan(2900);
    }
  }, 180_000);

  test('a database still busy after the wait is a clear Vietnamese DB_BUSY, never INTERNAL, and nothing changes', async () => {
    const data = join(dir, 'busy');
    const ctx = createTestContext({ dataDir: data });
    const holder = new Database(join(data, 'kekhai.db'));
    try {
      ctx.db.pragma('busy_timeout = 200');
      holder.prepare('BEGIN IMMEDIATE').run();
      const r = await ctx.call('settings.set', { patch: { 'backup.keep': 3 } });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('DB_BUSY');
        expect(r.error.message).toMatch(/đang được một thao tác khác ghi.*chưa có gì bị thay đổi/);
      }
      holder.prepare('ROLLBACK').run();
      expect((await ctx.value('settings.get', {}))['backup.keep']).toBe(14);
    } finally {
      holder.close();
      ctx.close();
    }
  });
});
