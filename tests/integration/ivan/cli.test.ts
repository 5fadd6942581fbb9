import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startIvanServer, type RunningIvanServer } from '../../../electron/ivan/simulator/server';
import { CLI, runCli } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { RESOURCES, signedDossier, testCertSigner, receiptClock } from './fixtures';

let dir: string;
let server: RunningIvanServer;
let file: string;
beforeAll(async () => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  dir = makeTempDir('kekhai-ivan-cli-');
  server = await startIvanServer({
    dataDir: join(dir, 'srv'),
    resourcesDir: RESOURCES,
    resultDelayMs: 10,
    now: receiptClock(),
  });
  file = join(dir, 'BHXHDienTu.xml');
  writeFileSync(file, await signedDossier(await testCertSigner(), 1));
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

describe('kekhai submit / status / ivan list', () => {
  test('submit is idempotent (also from another data folder), status gives the số hồ sơ, ivan list shows one transaction', async () => {
    const a = await runCli(['submit', file, '--endpoint', server.url, '--provider', '00040', '--json'], {
      data: join(dir, 'c1'),
    });
    expect(a.code, a.stderr + a.stdout).toBe(0);
    expect(a.json).toEqual({ transactionId: expect.any(String), status: 'received' });
    const b = await runCli(['submit', file, '--endpoint', server.url, '--json'], { data: join(dir, 'c1') });
    const c = await runCli(['submit', file, '--endpoint', server.url, '--json'], { data: join(dir, 'c2') });
    expect(b.json.transactionId).toBe(a.json.transactionId);
    expect(c.json.transactionId).toBe(a.json.transactionId);

    await server.settle();
    const s = await runCli(['status', a.json.transactionId, '--endpoint', server.url, '--json'], {
      data: join(dir, 'c1'),
    });
    expect(s.code, s.stderr).toBe(0);
    expect(s.json).toMatchObject({
      status: 'accepted',
      receiptNo: expect.stringMatching(/^\d{5}\/\d{4}\/07906$/),
      reasons: [],
    });

    const l = await runCli(['ivan', 'list', '--data', join(dir, 'srv'), '--json']);
    expect(l.json).toEqual([
      {
        transactionId: a.json.transactionId,
        dossierId: expect.stringMatching(/^sha256-/),
        status: 'accepted',
        receiptNo: s.json.receiptNo,
      },
    ]);
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

  test('register 04 builds the form from JSON; ivan settings reads the password from stdin and never prints it', async () => {
    const data = join(dir, 'c4');
    const form = join(dir, 'form04.json');
    writeFileSync(
      form,
      JSON.stringify({
        place: 'Hà Nội',
        date: '20/10/2015',
        unitName: 'CÔNG TY TNHH MẪU',
        unitCode: 'TS12345',
        address: 'Hà Nội',
        email: 'kt@mau.vn',
        phone: '0912345678',
        procedures: ['600'],
        ivanCode: '00040',
        ivanName: 'Công ty Thái Sơn',
        certificate: { serial: '01', subject: 'CN=MAU', notBefore: '01/11/2013', notAfter: '31/10/2015' },
      }),
    );
    const out = join(dir, '04.xml');
    const r = await runCli(['register', '04', '--from', form, '--out', out, '--json'], { data });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<MaToKhai>04/ĐK-IVAN</MaToKhai>');
    const bad = await runCli(['register', '06', '--from', form, '--out', out, '--json'], { data });
    expect(bad.code).toBe(1);
    expect(bad.json.error.details.problems.map((p: { field: string }) => p.field)).toEqual(
      expect.arrayContaining(['reasons', 'stopFrom']),
    );

    const env = { KEKHAI_KEY_FILE: join(dir, 'keys', 'k.key') };
    const s = await runCli(
      [
        'ivan',
        'settings',
        '--unit',
        'TS12345',
        '--provider',
        '00040',
        '--endpoint',
        server.url,
        '--username',
        'u1',
        '--password-stdin',
        '--json',
      ],
      { data, env, input: 'mat-khau-stdin\n' },
    );
    expect(s.code, s.stderr).toBe(0);
    expect(s.json).toMatchObject({ unitCode: 'TS12345', username: 'u1', hasPassword: true });
    expect(s.stdout + s.stderr).not.toContain('mat-khau-stdin');
  });
});
