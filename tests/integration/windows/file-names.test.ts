/**
 * The names we propose for files (a browser download's name, the CLI's defaults, zip entries) with data made to
 * break them: an upload named like a device or with characters Windows refuses, a draft whose unit code and period
 * carry them, a name past 255 units. Checked against Windows' rules written out here (Microsoft, "Naming Files,
 * Paths, and Namespaces"), not against our own safeFileName; and every download in the page goes through
 * renderer/api/files.ts, which applies that rule.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { signedDossier, testCertSigner } from '../ivan/fixtures';

/** Why Windows would refuse `name` as one file name, or null. */
function windowsRefuses(name: string): string | null {
  if (/[<>:"/\\|?*\u0000-\u001f]/.test(name)) return 'a character Windows refuses';
  if (/[. ]$/.test(name)) return 'a trailing dot or space';
  if (/^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\.|$)/i.test(name)) return 'a device name';
  if (name.length > 255) return 'over 255 UTF-16 units';
  if (!name) return 'empty';
  return null;
}

let dir: string;
let ctx: TestContext;

beforeAll(() => {
  dir = makeTempDir('kekhai-win-names-');
  process.env.KEKHAI_KEY_FILE = join(dir, 'keys', 'ivan.key');
  ctx = createTestContext();
});
afterAll(() => {
  ctx?.close();
  removeDir(dir);
});

const HOSTILE_UPLOADS = [
  'CON.csv',
  'lpt1 .csv',
  'Danh sách: tháng 10/2015 <bản "cuối">?.csv',
  `${'Bảng lương công ty TNHH May Việt '.repeat(7)}.csv`,
  'Danh sách.  .csv',
];

describe('names the services give files', () => {
  test.each(HOSTILE_UPLOADS)('the import error workbook of an upload named %j', async (upload) => {
    await ctx
      .value('unit.add', {
        code: 'TS12345',
        name: 'Công ty',
        taxCode: '0100109106',
        agencyCode: '07906',
        wageRegion: '01',
      })
      .catch(() => undefined);
    const csv = '\ufeffHọ và tên;Mã số BHXH;Ngày sinh;Giới tính\r\nNguyễn Văn A;12;32/13/1990;X\r\n';
    const r = await ctx.value('roster.importCommit', {
      unitCode: 'TS12345',
      file: { name: upload, base64: Buffer.from(csv).toString('base64') },
    });
    expect(r.errorFile, 'the rejected row gives an error workbook').toBeDefined();
    expect(windowsRefuses(r.errorFile!.name), r.errorFile!.name).toBeNull();
    expect(r.errorFile!.name.endsWith('.xlsx')).toBe(true);
  });

  test('a draft whose unit code and period carry what Windows refuses: exportDraft and toSheet', async () => {
    const draft = JSON.parse(readFileSync('tests/unit/declarations/fixtures/draft-issue.json', 'utf8'));
    const hostile = { ...draft, unit: { ...draft.unit, code: 'CON' }, period: '10/2015 ' };
    const sheet = await ctx.call('dossier.toSheet', { draft: hostile });
    expect(sheet.ok, JSON.stringify(sheet)).toBe(true);
    if (sheet.ok) expect(windowsRefuses(sheet.value.file.name), sheet.value.file.name).toBeNull();
    const bad = { ...draft, unit: { ...draft.unit, code: 'A:B*?' } };
    const imported = await ctx.call('dossier.importDraft', {
      file: { name: 'draft.json', base64: Buffer.from(JSON.stringify(bad)).toString('base64') },
    });
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    if (imported.ok) {
      const out = await ctx.value('dossier.exportDraft', { id: imported.value.id });
      expect(windowsRefuses(out.name), out.name).toBeNull();
    }
  });

  test('roster export, audit export, support bundle, period zip and its entries', async () => {
    const names: string[] = [];
    names.push((await ctx.value('roster.export', { unitCode: 'TS12345' })).file.name);
    names.push((await ctx.value('audit.export', { format: 'csv' })).file.name);
    names.push((await ctx.value('system.supportBundle', {})).file.name);
    await ctx.value('ivan.outboxAdd', {
      file: {
        name: 'CON:<hồ sơ>?.xml',
        base64: Buffer.from(await signedDossier(await testCertSigner(), 8)).toString('base64'),
      },
      endpoint: 'http://127.0.0.1:9/',
      dossierId: 'NUL',
    });
    const z = await ctx.value('ivan.exportPeriod', { period: '10/2015' });
    names.push(z.file.name);
    for (const entry of Object.keys(unzipSync(Buffer.from(z.file.base64, 'base64'))))
      for (const part of entry.split('/')) names.push(part);
    for (const n of names) expect(windowsRefuses(n), n).toBeNull();
  });
});

describe('downloads in the page', () => {
  /** Every renderer source file (a download outside renderer/api/files.ts would skip the safe-name rule). */
  function sources(d: string): string[] {
    return readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(n) ? [p] : [];
    });
  }

  test('name their file only through saveBlob (renderer/api/files.ts, safeFileName)', () => {
    const setting = sources('renderer').filter((f) => /\.download\s*=/.test(readFileSync(f, 'utf8')));
    expect(setting).toEqual([join('renderer', 'api', 'files.ts')]);
  });
});
