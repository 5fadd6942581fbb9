/**
 * Paths in double quotes, as Windows hands them over. A PKCS#11 library path typed into Ký số › "Đường dẫn thư viện PKCS#11" the way a Windows clerk gets it: Explorer's
 * "Copy as path" (Shift + right click; Ctrl+Shift+C on Windows 11) puts it in double quotes, and the folder may be
 * "Program Files (x86)\…" with spaces, Vietnamese letters and `#`. The library is stored without the quotes and
 * loads; it had been refused as "not absolute". And cmd's `set KEKHAI_DATA="C:\…\Dữ liệu"` keeps the quotes in the
 * variable: the data folder is the one inside them (a folder named `"…` had been made under the working folder).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, unitAddArgs } from '../../support/cli';
import { createTestContext, type TestContext } from '../../support/context';
import { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../../support/softhsm';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT } from '../../support/units';
import { AWKWARD } from './paths';

let dir: string;
let ctx: TestContext;
let token: SoftHsmToken;
let library: string;

beforeAll(async () => {
  dir = makeTempDir('kekhai-win-lib-');
  const libDir = join(dir, 'Program Files (x86)', AWKWARD, 'VNPT-CA Token');
  mkdirSync(libDir, { recursive: true });
  library = join(libDir, 'vnpt-ca_csp11 (x64).so');
  copyFileSync(SOFTHSM_MODULE, library);
  token = await createSoftHsmToken({ label: 'Token Hoà', pin: '654321', soPin: '123456' });
  process.env.SOFTHSM2_CONF = token.conf;
  ctx = createTestContext();
});
afterAll(() => {
  ctx?.close();
  token?.cleanup();
  removeDir(dir);
});

describe('signing.addLibrary with a pasted path', () => {
  test('in the double quotes of "Copy as path": stored without them, found and loaded', async () => {
    const added = await ctx.value('signing.addLibrary', { path: ` "${library}" ` });
    expect(added.userLibraries).toEqual([library]);
    expect(added.library).toMatchObject({ path: library, found: true, loaded: true, error: null });
    expect(added.library.tokens.map((t) => t.label)).toContain('Token Hoà');
    const r = await ctx.value('signing.tokens', {});
    expect(r.libraries.find((l) => l.source === 'user')).toMatchObject({ path: library, loaded: true });
  });

  test('a quote inside a path is not taken away (no file name holds one: still refused as not absolute)', async () => {
    const r = await ctx.call('signing.addLibrary', { path: `"${library}" và "${library}"` });
    expect(r.ok).toBe(false);
  });
});

describe("KEKHAI_DATA set with cmd's quotes", () => {
  test('the data folder is the one inside the quotes', async () => {
    const data = join(dir, 'Users', AWKWARD, 'Dữ liệu KeKhai');
    const cwd = join(dir, 'cwd');
    mkdirSync(cwd, { recursive: true });
    const r = await runCli([...unitAddArgs(SAIGON_UNIT), '--json'], { env: { KEKHAI_DATA: `"${data}"` }, cwd });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(existsSync(join(data, 'kekhai.db'))).toBe(true);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
