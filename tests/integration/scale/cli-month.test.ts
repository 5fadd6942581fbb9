import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIvanServer, type RunningIvanServer } from '../../../electron/ivan/simulator/server';
import { addUnitWithCli, runCli } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { MONTH_UNIT } from '../../support/units';
import { LARGE, NOW, largeDraft } from './large-month';

/**
 * The built `kekhai` (out/cli.cjs) with a 2,600-row month: validate with 1,000 errors (counted, each naming row and
 * field), make the signed dossier (6 MB), verify it, submit it to the training I-VAN twice (one transaction).
 */
const CLOCK = ['--now', '2015-10-20T09:00:00+07:00'];

let dir: string;
let data: string;
let server: RunningIvanServer;

beforeAll(async () => {
  dir = makeTempDir('kekhai-scale-cli-');
  data = join(dir, 'data');
  await addUnitWithCli(data, MONTH_UNIT);
  const t0 = Date.now();
  server = await startIvanServer({
    dataDir: join(dir, 'srv'),
    resourcesDir: join(process.cwd(), 'resources'),
    now: () => new Date(NOW.getTime() + Date.now() - t0),
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  removeDir(dir);
});

describe('kekhai with a 2,600-row month', () => {
  it('dossier validate: 1,000 errors counted on the first line, each line naming its row and field', async () => {
    const draft = largeDraft(LARGE);
    for (const r of draft.rows.slice(1_600)) r.birthDate = '';
    const file = join(dir, 'loi.json');
    writeFileSync(file, JSON.stringify(draft));
    const r = await runCli(['dossier', 'validate', file, ...CLOCK], { data });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^1000 lỗi, \d+ cảnh báo$/);
    const errors = lines.filter((l) => l.trim().startsWith('lỗi:'));
    expect(errors).toHaveLength(1_000);
    expect(errors[0]!.trim()).toMatch(/^lỗi: Dòng 1601 \([^)]+\), Ngày sinh: bắt buộc nhập$/);
    const json = await runCli(['dossier', 'validate', file, '--json', ...CLOCK], { data });
    expect(json.json.problems.filter((p: { severity: string }) => p.severity === 'error')).toHaveLength(1_000);
  }, 120_000);

  it('dossier make → verify → submit twice: one signed 6 MB dossier, one transaction', async () => {
    const file = join(dir, 'thang.json');
    writeFileSync(file, JSON.stringify(largeDraft(LARGE)));
    const out = join(dir, 'BHXHDienTu.xml');
    const made = await runCli(
      ['dossier', 'make', file, '--out', out, '--test-cert', '--password-env', 'PW', '--json', ...CLOCK],
      { data, env: { PW: 'thunghiem' } },
    );
    expect(made.code, made.stdout + made.stderr).toBe(0);
    const d02 = made.json.files.find((f: { code: string }) => f.code === 'D02-TS');
    expect(d02.bytes).toBeGreaterThan(3_000_000);

    // The whole stored dossier back as one JSON document on a pipe (2 MB: nothing cut at exit).
    const imported = await runCli(['dossier', 'import', file, '--json', ...CLOCK], { data });
    expect(imported.code, imported.stderr).toBe(0);
    const got = await runCli(['call', 'dossier.get', '--input', JSON.stringify({ id: imported.json.id }), '--json'], {
      data,
    });
    expect(got.stdout.length).toBeGreaterThan(1_000_000);
    expect(got.json.draft.rows).toHaveLength(LARGE.hires + LARGE.leavers + LARGE.raises);

    const verified = await runCli(['verify', out, '--allow-untrusted', '--json', ...CLOCK], { data });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.json.valid).toBe(true);
    expect(verified.json.files).toHaveLength(3);

    const submit = () => runCli(['submit', out, '--endpoint', server.url, '--json', ...CLOCK], { data });
    const first = await submit();
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const again = await submit();
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.json.transactionId).toBe(first.json.transactionId);
    await server.settle();
    const status = await runCli(['status', first.json.transactionId, '--endpoint', server.url, '--json'], { data });
    expect(status.json.status, status.stdout).toBe('accepted');
  }, 180_000);
});
