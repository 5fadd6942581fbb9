import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startIvanServer, type RunningIvanServer } from '../../../electron/ivan-server/server';
import { CLI, runCli } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { RESOURCES, signedDossier, testCertSigner } from './fixtures';

let dir: string;
let server: RunningIvanServer;
let file: string;
beforeAll(async () => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  dir = makeTempDir('kekhai-ivan-cli-');
  server = await startIvanServer({ dataDir: join(dir, 'srv'), resourcesDir: RESOURCES, resultDelayMs: 10 });
  file = join(dir, 'BHXHDienTu.xml');
  writeFileSync(file, await signedDossier(await testCertSigner(), 1));
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

describe('kekhai submit / status / ivan list', () => {
  test('submit is idempotent (also from another data folder), status gives the số hồ sơ, ivan list shows one transaction', async () => {
    const a = await runCli(['submit', file, '--endpoint', server.url, '--provider', '00040', '--json'], { data: join(dir, 'c1') });
    expect(a.code, a.stderr + a.stdout).toBe(0);
    expect(a.json).toEqual({ transactionId: expect.any(String), status: 'received' });
    const b = await runCli(['submit', file, '--endpoint', server.url, '--json'], { data: join(dir, 'c1') });
    const c = await runCli(['submit', file, '--endpoint', server.url, '--json'], { data: join(dir, 'c2') });
    expect(b.json.transactionId).toBe(a.json.transactionId);
    expect(c.json.transactionId).toBe(a.json.transactionId);

    await server.settle();
    const s = await runCli(['status', a.json.transactionId, '--endpoint', server.url, '--json'], { data: join(dir, 'c1') });
    expect(s.code, s.stderr).toBe(0);
    expect(s.json).toMatchObject({ status: 'accepted', receiptNo: expect.stringMatching(/^\d{5}\/\d{4}\/07906$/), reasons: [] });

    const l = await runCli(['ivan', 'list', '--data', join(dir, 'srv'), '--json']);
    expect(l.json).toEqual([{ transactionId: a.json.transactionId, dossierId: expect.stringMatching(/^sha256-/), status: 'accepted', receiptNo: s.json.receiptNo }]);
  });

  test('outbox add/list; an unreachable endpoint stays queued with a clear message; bad endpoints are refused', async () => {
    const data = join(dir, 'c3');
    const add = await runCli(['outbox', 'add', file, '--endpoint', 'http://127.0.0.1:9', '--json'], { data });
    expect(add.code, add.stderr).toBe(0);
    expect(add.json).toMatchObject({ state: 'queued', created: true });
    const again = await runCli(['outbox', 'add', file, '--endpoint', 'http://127.0.0.1:9', '--json'], { data });
    expect(again.json).toMatchObject({ id: add.json.id, created: false });
    const send = await runCli(['outbox', 'send'], { data });
    expect(send.code).toBe(0);
    expect(send.stdout).toMatch(/còn chờ 1/);
    expect(send.stdout).toMatch(/Không kết nối được máy chủ I-VAN/);
    const list = await runCli(['outbox', 'list', '--json'], { data });
    expect(list.json[0]).toMatchObject({ state: 'queued', attempts: 1, lastErrorCode: 'IVAN_UNREACHABLE' });
    const bad = await runCli(['submit', file, '--endpoint', 'http://ivan.example.vn', '--json'], { data });
    expect(bad.code).toBe(1);
    expect(bad.json.error.code).toBe('IVAN_ENDPOINT');
    const usage = await runCli(['ivan', 'serve', '--port', '0', '--data', join(dir, 'x'), '--fail-rate', '2'], {});
    expect(usage.code).toBe(2);
  });
});
