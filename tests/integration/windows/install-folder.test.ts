/**
 * The app installed per user lives under the clerk's profile ("C:\Users\Nguyễn Thị Hoà\AppData\Local\Programs\…").
 * The built bundles copied into such a folder (with `%`, `#`, `[`, `~`, an apostrophe, NFD letters) find their
 * resources, the worker bundle and the renderer from where they are (electron/core/paths.ts derives them from
 * `pathToFileURL(__filename)`): an import, a signed dossier, and browser mode serving its page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { unitAddArgs } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT } from '../../support/units';
import { HEADERS, makeEmployees, toRow, writeXlsx } from '../../fixtures/roster/generate';
import { AWKWARD_NFD } from './paths';

const NOW = '2015-10-20T03:00:00Z';
const DRAFT = join(process.cwd(), 'tests/unit/declarations/fixtures/draft-issue.json');

let base: string;
let app: string;
let data: string;

/** The installed `kekhai`, run from `base` (not the checkout: nothing may be found through the working folder). */
function kekhai(args: string[]) {
  const r = spawnSync(
    process.execPath,
    [join(app, 'out', 'cli.cjs'), ...args, '--data', data, '--now', NOW, '--json'],
    {
      cwd: base,
      encoding: 'utf8',
      env: { ...process.env, KEKHAI_RESOURCES: '', KEKHAI_TEST_PASSWORD: 'thunghiem' },
      timeout: 60_000,
    },
  );
  expect(r.status, `${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as Record<string, any>;
}

beforeAll(() => {
  base = makeTempDir('kekhai-win-install-');
  app = join(base, 'Users', `${AWKWARD_NFD} [%41]`, 'AppData', 'Local', 'Programs', 'kekhai');
  mkdirSync(app, { recursive: true });
  const repo = process.cwd();
  cpSync(join(repo, 'out'), join(app, 'out'), { recursive: true, filter: (src) => !src.endsWith('.map') });
  cpSync(join(repo, 'package.json'), join(app, 'package.json'));
  // Large and unchanged by the folder's name: linked, as the installer's copy would sit there.
  symlinkSync(join(repo, 'resources'), join(app, 'resources'));
  symlinkSync(join(repo, 'node_modules'), join(app, 'node_modules'));
  data = join(base, 'data');
});
afterAll(() => removeDir(base));

describe('kekhai run from an awkward install folder', () => {
  it('imports an .xlsx and makes a signed dossier (resources/test-signing)', async () => {
    kekhai(unitAddArgs(SAIGON_UNIT));
    const xlsx = join(base, 'ds.xlsx');
    await writeXlsx(xlsx, HEADERS, makeEmployees(12, 3).map(toRow));
    expect(kekhai(['roster', 'import', xlsx, '--unit', SAIGON_UNIT.code])).toMatchObject({ imported: 12 });
    const out = join(base, 'BHXHDienTu.xml');
    kekhai(['dossier', 'make', DRAFT, '--out', out, '--test-cert', '--password-env', 'KEKHAI_TEST_PASSWORD']);
    expect(kekhai(['verify', out, '--allow-untrusted'])).toMatchObject({ valid: true });
  });

  it('serves the renderer in browser mode', async () => {
    const proc = spawn(process.execPath, [join(app, 'out', 'cli.cjs'), 'serve', '--port', '0', '--data', data], {
      cwd: base,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        proc.stdout.on('data', (c) => {
          out += c;
          const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
          if (m) resolve(m[1]!);
        });
        proc.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const res = await fetch(new URL('/', url));
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<div id="root">');
      const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)![1]!;
      expect((await fetch(new URL(`/${script}`, url))).status).toBe(200);
    } finally {
      proc.kill();
    }
  });
});
