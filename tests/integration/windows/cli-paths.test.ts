/**
 * The whole `kekhai` flow with the data folder, the inputs and the outputs in folders named as on a clerk's PC
 * (tests/integration/windows/paths.ts): Vietnamese letters in NFC and NFD, spaces, `'`, `#`, `%`, `&`, parentheses,
 * brackets, a long name; the PKCS#11 module and SoftHSM's configuration in such folders too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { runCli, unitAddArgs } from '../../support/cli';
import { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../../support/softhsm';
import { startIvanServe } from '../../support/ivan-serve';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT } from '../../support/units';
import { HEADERS, makeEmployees, toRow, writeXlsx } from '../../fixtures/roster/generate';
import { AWKWARD, AWKWARD_NFD, LONG, oneDriveFolder } from './paths';

const NOW = '2015-10-20T03:00:00Z';
const DRAFT = join(process.cwd(), 'tests/unit/declarations/fixtures/draft-issue.json');

/**
 * What Notepad and a browser need to show a text file we write: valid UTF-8, and the encoding said in the file where
 * the format has a place for it (XML declaration, HTML meta). JSON carries no BOM (RFC 8259 §8.1: a writer must not
 * add one; Notepad since Windows 10 1903 reads UTF-8 without it). The BHXH XML keeps its exact bytes (no BOM,
 * `encoding="utf-8"`: bhxh-domain.md addendum 2 item 10).
 */
const text = (file: string) => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(file));

function xmlOk(file: string): void {
  execFileSync('xmllint', ['--noout', '--nonet', file], { stdio: 'pipe' });
  expect(text(file).startsWith('<?xml version="1.0" encoding="utf-8"?>'), file).toBe(true);
}

function jsonOk(file: string): any {
  const t = text(file);
  expect(t.charCodeAt(0), file).not.toBe(0xfeff);
  return JSON.parse(t);
}

for (const [form, name] of [
  ['NFC', AWKWARD],
  ['NFD', AWKWARD_NFD],
] as const) {
  describe(`every command with paths in "${form}" folders`, () => {
    let base: string;
    let home: string;
    let data: string;
    let docs: string;
    let token: SoftHsmToken;
    let env: Record<string, string>;
    let ivan: ChildProcess | undefined;
    let ivanUrl: string;
    const run = async (args: string[], extra: Record<string, string> = {}) => {
      const r = await runCli([...args, '--json', '--now', NOW], { data, env: { ...env, ...extra } });
      expect(r.code, `${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
      return r;
    };

    beforeAll(async () => {
      base = makeTempDir('kekhai-win-paths-');
      home = join(base, 'Users', name);
      data = join(home, 'AppData', 'Roaming', 'KeKhaiBHXH');
      docs = oneDriveFolder(home, `${name} ${LONG}`);
      // The token's library and configuration under the clerk's profile as well ("Program Files (x86)" style).
      token = await createSoftHsmToken({
        label: 'Token Hoà #1',
        pin: '654321',
        soPin: '123456',
        mst: '2800123452',
        notBefore: new Date('2015-01-01T00:00:00Z'),
      });
      const libDir = oneDriveFolder(home, `Program Files (x86) ${name}`);
      const lib = join(libDir, 'softhsm2 (VNPT-CA).so');
      copyFileSync(SOFTHSM_MODULE, lib);
      // SoftHSM's own configuration parser ends a value at `#`, so its token folder has none (its limit, not ours).
      const tokens = join(base, 'Users', `${name.normalize(form)}`.replace(/#/g, ''), 'SoftHSM tokens & keys');
      cpSync(join(token.dir, 'tokens'), tokens, { recursive: true });
      const conf = join(libDir, 'softhsm2 #conf.conf');
      writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
      env = { SOFTHSM2_CONF: conf, KEKHAI_PIN: token.pin, KEKHAI_TEST_PASSWORD: 'thunghiem', P11_LIB: lib };
      const served = await startIvanServe(oneDriveFolder(home, `I-VAN ${name}`));
      ivan = served.proc;
      ivanUrl = served.url;
    });
    afterAll(() => {
      ivan?.kill();
      token?.cleanup();
      removeDir(base);
    });

    it('unit add, roster import (.xlsx and .csv), roster export', async () => {
      await run(unitAddArgs(SAIGON_UNIT));
      const people = makeEmployees(30, 7);
      const xlsx = join(docs, `Danh sách ${name}.xlsx`);
      await writeXlsx(xlsx, HEADERS, people.slice(0, 20).map(toRow));
      const a = await run([
        'roster',
        'import',
        xlsx,
        '--unit',
        SAIGON_UNIT.code,
        '--errors',
        join(docs, `lỗi ${name}.xlsx`),
      ]);
      expect(a.json).toMatchObject({ imported: 20, rejectedRows: 0 });
      const csv = join(docs, `Danh sách ${name}.csv`);
      const lines = [HEADERS, ...people.slice(20).map((p, i) => toRow(p, i))].map((r) => r.join(';'));
      writeFileSync(csv, '\ufeff' + lines.join('\r\n') + '\r\n');
      const b = await run(['roster', 'import', csv, '--unit', SAIGON_UNIT.code]);
      expect(b.json).toMatchObject({ imported: 10, rejectedRows: 0 });
      const out = join(docs, `Xuất ${name}.xlsx`);
      await run(['roster', 'export', '--unit', SAIGON_UNIT.code, '--out', out]);
      expect(Object.keys(unzipSync(readFileSync(out)))).toContain('xl/worksheets/sheet1.xml');
    });

    it('dossier to-sheet / from-sheet, build, print, make with SoftHSM and with the test certificate, verify', async () => {
      const draft = join(docs, `Tờ khai ${name}.json`);
      copyFileSync(DRAFT, draft);
      const sheet = join(docs, `D02-TS ${name}.xlsx`);
      await run(['dossier', 'to-sheet', draft, '--out', sheet]);
      const back = join(docs, `Từ bảng ${name}.json`);
      await run([
        'unit',
        'add',
        '--code',
        'TA0001A',
        '--name',
        'Mẫu',
        '--tax-code',
        '2800123452',
        '--agency-code',
        '03801',
        '--wage-region',
        '02',
      ]);
      await run(['dossier', 'from-sheet', sheet, '--unit', 'TA0001A', '--period', '10/2015', '--out', back]);
      expect(jsonOk(back).rows.length).toBeGreaterThan(0);
      const forms = join(docs, `Tờ khai chưa ký ${name}`);
      const built = await run(['dossier', 'build', draft, '--out', forms]);
      for (const f of built.json.files as { path: string }[]) xmlOk(f.path);
      const html = join(docs, `In ${name}.html`);
      await run(['dossier', 'print', draft, '--out', html]);
      expect(text(html)).toMatch(/^<!doctype html><html lang="vi"><head><meta charset="utf-8">[\s\S]*<\/html>$/);
      const signed = join(docs, `BHXHDienTu ${name}.xml`);
      await run(['dossier', 'make', draft, '--out', signed, '--pkcs11', env.P11_LIB!, '--pin-env', 'KEKHAI_PIN']);
      xmlOk(signed);
      const one = join(docs, `D02-TS đã ký ${name}.xml`);
      const formFile = (built.json.files as { path: string }[]).find((f) => f.path.endsWith('D02-TS-595.xml'))!.path;
      await run(['sign', formFile, '--out', one, '--test-cert', '--password-env', 'KEKHAI_TEST_PASSWORD']);
      xmlOk(one);
      const ca = join(docs, `CA ${name}.pem`);
      copyFileSync(token.files.ca, ca);
      await run(['trust', 'add', ca]);
      const v = await run(['verify', signed]);
      expect(v.json).toMatchObject({ valid: true, trusted: true });
    });

    // Training, submit, backup, restore, the bundle and the audit export run in the NFC folders only: the NFD run
    // keeps to the commands above, so the whole folder stays near a minute.
    if (form === 'NFC') {
      it('training mode: make with the test certificate and submit to the training I-VAN', async () => {
        const draft = join(docs, `Tờ khai ${name}.json`);
        await run(['training', 'on', '--no-demo']);
        const signed = join(docs, `Tập huấn ${name}.xml`);
        await run(['dossier', 'make', draft, '--out', signed, '--test-cert', '--password-env', 'KEKHAI_TEST_PASSWORD']);
        const sent = await run(['submit', signed, '--endpoint', ivanUrl]);
        expect(sent.json.transactionId).toBeTruthy();
        expect(existsSync(join(data, 'training'))).toBe(true);
        await run(['training', 'off']);
      });

      it('backup --out, restore, support bundle, audit export', async () => {
        const copy = join(docs, `Sao lưu ${name}.db`);
        await run(['backup', '--out', copy]);
        await run(['restore', copy]);
        const bundle = join(docs, `Hỗ trợ ${name}.zip`);
        await run(['support-bundle', '--out', bundle]);
        const zip = unzipSync(readFileSync(bundle));
        const entries = Object.keys(zip);
        // README.txt is for Notepad: BOM, CRLF.
        const readme = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(zip['README.txt']);
        expect(readme).toMatch(/^\ufeffGói hỗ trợ KêKhai BHXH\r\n/);
        expect(readme.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
        expect(entries).toContain('doctor.json');
        // Entry names as every unzip reads them (Windows' own reads a name without the UTF-8 flag as code page 437).
        expect(entries.filter((e) => !/^[\x20-\x7e]+$/.test(e))).toEqual([]);
        for (const ext of ['csv', 'json']) {
          const out = join(docs, `Nhật ký ${name}.${ext}`);
          await run(['audit', 'export', '--format', ext, '--out', out]);
          if (ext === 'json') expect(Array.isArray(jsonOk(out))).toBe(true);
          else expect(text(out)).toMatch(/^\ufeffThời gian;.*\r\n/);
        }
        expect(readdirSync(docs).filter((n) => n.endsWith('.part'))).toEqual([]);
      });
    }
  });
}
