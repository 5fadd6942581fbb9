/**
 * Files the clerk keeps — exported rosters and VNPT sheets (.xlsx), the audit log, backups written out, support
 * bundles (.zip), signed dossiers (BHXHDienTu.xml), printable forms — written by the real `kekhai` process killed
 * with SIGKILL at chosen points: the moment the file appears or changes (the worst moment for a writer that
 * truncates the real file first), and points spread over a measured run. Under the real name there is afterwards
 * either nothing, the previous complete file, or the new complete file — never a cut one; the retry succeeds and
 * leaves no temporary file beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { runCli, unitAddArgs } from '../../support/cli';
import { killAfter, killPoints, killWhenFileChanges, queryDb, timedRun } from '../../support/kill';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT } from '../../support/units';
import { HEADERS, makeEmployees, toRow, writeXlsx } from '../../fixtures/roster/generate';

const NOW = '2015-10-20T03:00:00Z';
const DRAFT = join(process.cwd(), 'tests/unit/declarations/fixtures/draft-issue.json');
const ENV = { KEKHAI_TEST_PASSWORD: 'thunghiem' };
/** The D02-TS form of DRAFT as `dossier build` writes it (made in beforeAll), input of `kekhai sign`. */
const UNSIGNED = join(tmpdir(), `kekhai-crash-unsigned-${process.pid}`, 'D02-TS-595.xml');

/** What "complete" means for each kind of file; throws with the reason when it is not. */
const complete = {
  zip(file: string) {
    const parts = unzipSync(readFileSync(file));
    if (!Object.keys(parts).length) throw new Error(`${file}: an empty zip`);
  },
  sqlite(file: string) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const check = String(db.pragma('integrity_check', { simple: true }));
      if (check !== 'ok') throw new Error(`${file}: ${check}`);
    } finally {
      db.close();
    }
  },
  xml(file: string) {
    execFileSync('xmllint', ['--noout', '--nonet', file], { stdio: 'pipe' });
  },
  json(file: string) {
    JSON.parse(readFileSync(file, 'utf8'));
  },
  html(file: string) {
    if (!readFileSync(file, 'utf8').trimEnd().endsWith('</html>')) throw new Error(`${file}: cut before </html>`);
  },
};

interface Case {
  name: string;
  file: string;
  args: (out: string) => string[];
  check: (file: string) => void;
  /** What the database records about the file agrees with the file on disk. */
  recorded?: (file: string, data: string) => void;
}

/** `dossier make` records each signed file's hash: a recorded envelope is the one on disk (same draft, same clock). */
function signedHashesMatch(file: string, data: string): void {
  const rows = queryDb<{ sha256: string }>(
    join(data, 'kekhai.db'),
    "SELECT sha256 FROM signatures WHERE file_name = 'BHXHDienTu.xml'",
  );
  if (!rows.length) return;
  expect(existsSync(file), 'a signature recorded for a file that is not there').toBe(true);
  const onDisk = createHash('sha256').update(readFileSync(file)).digest('hex');
  expect(new Set(rows.map((r) => r.sha256))).toEqual(new Set([onDisk]));
}

const CASES: Case[] = [
  {
    name: 'roster export (.xlsx of 20,000 employees)',
    file: 'danh-sach.xlsx',
    args: (out) => ['roster', 'export', '--unit', SAIGON_UNIT.code, '--out', out],
    check: complete.zip,
  },
  {
    name: 'backup --out (the database copy written out)',
    file: 'ban-sao.db',
    args: (out) => ['backup', '--out', out],
    check: complete.sqlite,
  },
  {
    name: 'dossier make (signed BHXHDienTu.xml, test certificate)',
    file: 'BHXHDienTu.xml',
    args: (out) => ['dossier', 'make', DRAFT, '--out', out, '--test-cert', '--password-env', 'KEKHAI_TEST_PASSWORD'],
    check: complete.xml,
    recorded: signedHashesMatch,
  },
  {
    name: 'dossier build (the unsigned forms, one file each)',
    file: 'forms/D02-TS-595.xml',
    args: (out) => ['dossier', 'build', DRAFT, '--out', dirname(out)],
    check: complete.xml,
  },
  {
    name: 'sign (one form, test certificate)',
    file: 'D02-TS-signed.xml',
    args: (out) => ['sign', UNSIGNED, '--out', out, '--test-cert', '--password-env', 'KEKHAI_TEST_PASSWORD'],
    check: complete.xml,
  },
  {
    name: 'dossier to-sheet (VNPT-BHXH workbook)',
    file: 'to-khai.xlsx',
    args: (out) => ['dossier', 'to-sheet', DRAFT, '--out', out],
    check: complete.zip,
  },
  {
    name: 'audit export (JSON)',
    file: 'nhat-ky.json',
    args: (out) => ['audit', 'export', '--format', 'json', '--out', out],
    check: complete.json,
  },
  {
    name: 'support-bundle (.zip)',
    file: 'ho-tro.zip',
    args: (out) => ['support-bundle', '--out', out],
    check: complete.zip,
  },
  {
    name: 'dossier print (HTML)',
    file: 'in.html',
    args: (out) => ['dossier', 'print', DRAFT, '--out', out],
    check: complete.html,
  },
];

describe('a file written by a killed kekhai is whole or absent', () => {
  let dir: string;
  let data: string;
  beforeAll(async () => {
    dir = makeTempDir('kekhai-crash-files-');
    data = join(dir, 'data');
    const add = await runCli([...unitAddArgs(SAIGON_UNIT), '--json', '--now', NOW], { data });
    expect(add.code, add.stdout + add.stderr).toBe(0);
    const roster = join(dir, 'roster.xlsx');
    await writeXlsx(roster, HEADERS, makeEmployees(20_000, 4).map(toRow));
    const imp = await runCli(['roster', 'import', roster, '--unit', SAIGON_UNIT.code, '--json', '--now', NOW], {
      data,
    });
    expect(imp.code, imp.stdout + imp.stderr).toBe(0);
    const build = await runCli(['dossier', 'build', DRAFT, '--out', dirname(UNSIGNED), '--json', '--now', NOW], {
      data,
    });
    expect(build.code, build.stdout + build.stderr).toBe(0);
  });
  afterAll(() => {
    removeDir(dir);
    removeDir(dirname(UNSIGNED));
  });

  for (const c of CASES) {
    it(
      c.name,
      async () => {
        const out = join(dir, c.file);
        const args = [...c.args(out), '--json', '--now', NOW];
        const whole = (when: string) => {
          try {
            c.check(out);
          } catch (e) {
            throw new Error(`${when}: ${c.file} is cut: ${(e as Error).message}`);
          }
          c.recorded?.(out, data);
        };

        // Killed the moment the file first shows up: nothing, or the whole file.
        await killWhenFileChanges(args, data, out, ENV);
        if (existsSync(out)) whole('killed as the file appeared');
        else c.recorded?.(out, data);

        const full = await timedRun(args, data, ENV);
        expect(full.code, full.stdout + full.stderr).toBe(0);
        whole('after a complete run');

        // Over an existing file: the previous file or the new one, never a truncated one.
        await killWhenFileChanges(args, data, out, ENV);
        whole('killed as the existing file changed');
        for (const ms of killPoints(full.ms, 4)) {
          await killAfter(args, data, ms, ENV);
          whole(`killed after ${ms} ms of a ${Math.round(full.ms)} ms run`);
        }

        // The retry succeeds and leaves nothing but the file under a name that starts like it.
        const again = await timedRun(args, data, ENV);
        expect(again.code, again.stdout + again.stderr).toBe(0);
        whole('after the retry');
        expect(readdirSync(dirname(out)).filter((n) => n.startsWith(basename(out)) && n !== basename(out))).toEqual([]);
      },
      90_000,
    );
  }
});
