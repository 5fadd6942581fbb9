import { copyFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';

/**
 * `kekhai --version` and `help` run from the light half of the CLI alone (out/cli.cjs); everything else loads
 * out/cli-core.cjs when a command runs. Proven by running a copy of cli.cjs with no cli-core.cjs beside it.
 */
describe('CLI start-up loads only what the command needs', () => {
  const dir = makeTempDir('kekhai-cli-light-');
  afterAll(() => removeDir(dir));
  const lone = join(dir, 'cli.cjs');
  copyFileSync(CLI, lone);
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [lone, ...args], {
      encoding: 'utf8',
      env: { ...process.env, KEKHAI_DATA: join(dir, 'data') },
    });

  it('--version and help need no cli-core.cjs', () => {
    expect(existsSync(join(dir, 'cli-core.cjs'))).toBe(false);
    const v = run('--version');
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = run('help');
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('kekhai unit list');
  });

  it('a command that opens the database does load it (the copy without it fails)', () => {
    const r = run('unit', 'list');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('cli-core.cjs');
  });
});

describe('kekhai call --input-file', () => {
  it('names a missing file in Vietnamese through the shared reader (no raw ENOENT object)', async () => {
    const data = makeTempDir('kekhai-cli-call-');
    try {
      const missing = join(data, 'khong-co.json');
      const r = await runCli(['call', 'system.info', '--input-file', missing], { data });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`Không đọc được tệp ${missing}: tệp không tồn tại`);
      expect(r.stderr).not.toMatch(/ENOENT|errno|syscall/);
      const j = await runCli(['call', 'system.info', '--input-file', missing, '--json'], { data });
      expect(j.json.error).toMatchObject({
        code: 'IO',
        messageEn: `Cannot read ${missing}: no such file (check the path)`,
      });
    } finally {
      removeDir(data);
    }
  });
});
