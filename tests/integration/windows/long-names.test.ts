/**
 * A file name as long as Windows allows (255 UTF-16 units; ext4 and tmpfs allow 255 bytes, which a Vietnamese name
 * reaches sooner) typed into a save dialog: every writer puts its bytes under a temporary name beside the target
 * first (electron/core/atomic-file.ts), and that name must fit the same limit — it had been the target's name plus
 * ".<pid>-<hex>.part", over the limit, so the save failed with ENAMETOOLONG.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { runCli, unitAddArgs } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT } from '../../support/units';
import { partNameFor, removeStaleParts } from '../../../electron/core/atomic-file';
import { oneDriveFolder } from './paths';

const NOW = '2015-10-20T03:00:00Z';
const DRAFT = join(process.cwd(), 'tests/unit/declarations/fixtures/draft-issue.json');

/** A name of exactly `bytes` UTF-8 bytes ending in `ext`, in Vietnamese (2–3 bytes a letter). */
function longName(bytes: number, ext: string): string {
  let s = 'Danh sách lao động';
  while (Buffer.byteLength(s + ' ễ' + ext) <= bytes) s += ' ễ';
  while (Buffer.byteLength(s + ext) < bytes) s += 'a';
  return s + ext;
}

let base: string;
let docs: string;
let data: string;

beforeAll(async () => {
  base = makeTempDir('kekhai-win-long-');
  docs = oneDriveFolder(base, 'Nguyễn Thị Hoà');
  data = join(base, 'data');
  const r = await runCli([...unitAddArgs(SAIGON_UNIT), '--json', '--now', NOW], { data });
  expect(r.code, r.stdout + r.stderr).toBe(0);
});
afterAll(() => removeDir(base));

describe('a 255-byte file name', () => {
  it('the name itself is one the file system takes', () => {
    const name = longName(255, '.xlsx');
    expect(Buffer.byteLength(name)).toBe(255);
    writeFileSync(join(docs, name), 'x');
  });

  it.each([
    ['roster export', '.xlsx', (out: string) => ['roster', 'export', '--unit', SAIGON_UNIT.code, '--out', out]],
    ['dossier to-sheet', '.xlsx', (out: string) => ['dossier', 'to-sheet', DRAFT, '--out', out]],
    ['dossier print', '.html', (out: string) => ['dossier', 'print', DRAFT, '--out', out]],
    [
      'dossier make (streamed signed dossier)',
      '.xml',
      (out: string) => [
        'dossier',
        'make',
        DRAFT,
        '--out',
        out,
        '--test-cert',
        '--password-env',
        'KEKHAI_TEST_PASSWORD',
      ],
    ],
    ['backup --out', '.db', (out: string) => ['backup', '--out', out]],
  ])('%s writes it', async (_label, ext, args) => {
    const name = longName(255, ext);
    const out = join(docs, name);
    const r = await runCli([...args(out), '--json', '--now', NOW], {
      data,
      env: { KEKHAI_TEST_PASSWORD: 'thunghiem' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(readdirSync(docs)).toContain(name);
    expect(readdirSync(docs).filter((n) => n.endsWith('.part'))).toEqual([]);
    if (ext === '.xlsx') expect(Object.keys(unzipSync(readFileSync(out))).length).toBeGreaterThan(0);
  });

  it('a part left by a killed writer of such a name is found and removed by the next write', () => {
    const target = join(docs, longName(255, '.xlsx'));
    const part = partNameFor(target).replace(`.${process.pid}-`, '.999999999-');
    expect(Buffer.byteLength(part.slice(docs.length + 1))).toBeLessThanOrEqual(255);
    writeFileSync(part, 'cut');
    expect(removeStaleParts(target)).toHaveLength(1);
  });
});
