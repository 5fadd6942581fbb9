/**
 * "Xuất kỳ thành tệp zip" (ivan.exportPeriod) and the signed-file download (ivan.signedFile) with names the app did
 * not choose: the file name of a clerk's upload (free text over the API, up to 255 characters) and a số hồ sơ an
 * I-VAN sends. The archive is read by tools we did not write (Python's zipfile, Info-ZIP `unzip`): every entry must
 * stay inside the zip root, be a name Windows can create, keep its own bytes (no silent overwrite), and be plain
 * ASCII so every unzip reads the same name.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { dossierFolderName } from '../../../electron/ivan/export-zip';
import type { Signer } from '../../../electron/signing/signer';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { signedDossier, testCertSigner } from '../ivan/fixtures';

/** Names a clerk's upload (or a crafted API call) can carry. */
const UPLOAD_NAMES = [
  'ket-qua.json', // the name of the entry the export writes beside it
  'KET-QUA.JSON',
  '..',
  '../../../etc/evil.xml',
  '..\\..\\Windows\\evil.xml',
  '/abs/evil.xml',
  'C:\\evil.xml',
  'CON',
  'aux.xml',
  'COM1.xml',
  'BHXHDienTu.xml. ',
  'a<b>:c"d|e?f*.xml',
  `${'Đ'.repeat(200)}.xml`, // 200 characters, 400 bytes
  `${'x'.repeat(240)}.xml`, // 244 characters
  'Hồ sơ tháng 10.xml'.normalize('NFD'),
];

const WINDOWS_BAD = /[<>:"\\|?*\u0000-\u001f]|[. ]$|^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

let dir: string;
let ctx: TestContext;
let signer: Signer;
const sent = new Map<number, string>(); // outbox id → the signed XML queued

beforeAll(async () => {
  dir = makeTempDir('kekhai-written-zip-');
  process.env.KEKHAI_KEY_FILE = join(dir, 'keys', 'ivan.key');
  signer = await testCertSigner();
  ctx = createTestContext();
  for (const [i, name] of UPLOAD_NAMES.entries()) {
    const xml = await signedDossier(signer, 500 + i);
    const { entry } = await ctx.value('ivan.outboxAdd', {
      file: { name, base64: Buffer.from(xml).toString('base64') },
      endpoint: 'http://127.0.0.1:9/',
      dossierId: `SEC-${i}`,
    });
    sent.set(entry.id, xml);
  }
}, 120_000);

afterAll(() => {
  ctx?.close();
  removeDir(dir);
});

/** The archive as Python's zipfile lists it: names decoded by the zip's own flags, the UTF-8 bit, the bytes. */
function pythonList(zip: string): { name: string; utf8: boolean; data: string }[] {
  const py = `
import base64, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps([{"name": i.filename, "utf8": bool(i.flag_bits & 0x800), "data": base64.b64encode(z.read(i)).decode()} for i in z.infolist()]))
`;
  const r = spawnSync('python3', ['-c', py, zip], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { name: string; utf8: boolean; data: string }[];
}

describe('the period zip with names from data', () => {
  let zipPath: string;
  let entries: { name: string; utf8: boolean; data: string }[];

  beforeAll(async () => {
    const z = await ctx.value('ivan.exportPeriod', { period: '10/2015' });
    expect(z.count).toBe(UPLOAD_NAMES.length);
    zipPath = join(dir, z.file.name);
    writeFileSync(zipPath, Buffer.from(z.file.base64, 'base64'));
    entries = pythonList(zipPath);
  });

  test('every entry is a relative path of safe Windows names, at most 255 bytes each, NFC, flagged UTF-8 when not ASCII', () => {
    for (const { name, utf8 } of entries) {
      expect(name.startsWith('/'), name).toBe(false);
      // Windows Explorer extracts paths of at most 260 characters (MAX_PATH): room left for the folder chosen.
      expect(name.length, name).toBeLessThanOrEqual(200);
      for (const seg of name.split('/')) {
        expect(seg === '' || seg === '.' || seg === '..', `${name}: segment "${seg}"`).toBe(false);
        expect(WINDOWS_BAD.test(seg), `${name}: segment "${seg}"`).toBe(false);
        expect(Buffer.byteLength(seg), name).toBeLessThanOrEqual(255);
        expect(seg.normalize('NFC'), name).toBe(seg);
      }
      if (/[^\x00-\x7f]/.test(name)) expect(utf8, name).toBe(true);
    }
  });

  test('no two entries collide, even on a case-insensitive disk; every dossier keeps its signed bytes and its ket-qua.json', () => {
    const lower = entries.map((e) => e.name.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    // Each dossier's folder: exactly its signed file and ket-qua.json, the signed file byte for byte what was queued.
    const index = JSON.parse(
      Buffer.from(entries.find((e) => e.name === 'danh-sach.json')!.data, 'base64').toString('utf8'),
    ) as { items: { folder: string; dossierId: string }[] };
    expect(index.items).toHaveLength(UPLOAD_NAMES.length);
    for (const it of index.items) {
      const inside = entries.filter((e) => e.name.startsWith(`${it.folder}/`));
      expect(inside.map((e) => e.name.slice(it.folder.length + 1)).sort(), it.folder).toHaveLength(2);
      const result = inside.find((e) => e.name === `${it.folder}/ket-qua.json`)!;
      const facts = JSON.parse(Buffer.from(result.data, 'base64').toString('utf8')) as {
        id: number;
        dossierId: string;
      };
      expect(facts.dossierId).toBe(it.dossierId);
      const signed = inside.find((e) => e !== result)!;
      expect(Buffer.from(signed.data, 'base64').toString('utf8'), signed.name).toBe(sent.get(facts.id));
    }
  });

  test('a naive extractor (join root + entry name, no checks) writes every file inside the chosen folder', () => {
    const out = join(dir, 'extracted');
    mkdirSync(out);
    // What a careless unzipper does: trusts each name (Info-ZIP's `unzip` guards itself, so it is not the judge here).
    const py = `
import os, sys, zipfile
root = sys.argv[2]
for i in zipfile.ZipFile(sys.argv[1]).infolist():
    p = os.path.join(root, i.filename)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "xb") as f: f.write(b"x")
`;
    const r = spawnSync('python3', ['-c', py, zipPath, out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(out);
    expect(files).toHaveLength(entries.length);
    const root = realpathSync(out);
    for (const f of files) expect(relative(root, realpathSync(f)).startsWith('..'), f).toBe(false);
    const listed = spawnSync('unzip', ['-l', zipPath], { encoding: 'utf8' });
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`\\s${entries.length} files`));
  });

  test('names are ASCII (a Vietnamese upload name folded), so Info-ZIP unzip extracts exactly the listed names', () => {
    expect(entries.some((e) => e.name.endsWith('/Ho-so-thang-10.xml'))).toBe(true);
    for (const { name } of entries) expect(name, name).toMatch(/^[\x20-\x7e]+$/);
    const out = join(dir, 'unzipped');
    mkdirSync(out);
    const r = spawnSync('unzip', ['-o', zipPath, '-d', out], { encoding: 'utf8' });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/skipping|warning|error/i);
    for (const { name } of entries) expect(statSync(join(out, name)).isFile(), name).toBe(true);
  });
});

describe('names built from what an I-VAN sends', () => {
  const base = { id: 7, unitCode: 'TS12345', procedure: '600', period: '10/2015', batch: 1 };
  test.each(['..', '.', 'abc.', 'abc ', '../../x', 'a\\b', 'CON', 'x:y', '…'])(
    'số hồ sơ %j gives a folder Windows can create',
    (receiptNo) => {
      const name = dossierFolderName({ ...base, receiptNo });
      expect(name).toMatch(/^TS12345_600_10-2015_dot1/);
      expect(WINDOWS_BAD.test(name) || name.includes('/'), name).toBe(false);
    },
  );

  test('long pieces make a folder of at most 100 characters', () => {
    const long = 'A'.repeat(100);
    const name = dossierFolderName({ id: 9, unitCode: long, procedure: long, period: long, batch: 1, receiptNo: long });
    expect(name.length, name).toBeLessThanOrEqual(100);
  });

  test('a folder from the unit code alone is never "..", "." or a device name', () => {
    for (const unitCode of ['..', '.', 'CON', 'nul', 'com1', '...'])
      for (const name of [
        dossierFolderName({ id: 3, unitCode, procedure: null, period: null, batch: null, receiptNo: null }),
      ])
        expect(name === '..' || name === '.' || WINDOWS_BAD.test(name), `${unitCode} → ${name}`).toBe(false);
  });
});

describe('ivan.signedFile', () => {
  test('names the download with a safe single file name, whatever the upload was called', async () => {
    for (const id of sent.keys()) {
      const f = await ctx.value('ivan.signedFile', { id });
      expect(f.name.includes('/') || /^\.*$/.test(f.name) || WINDOWS_BAD.test(f.name), f.name).toBe(false);
      expect(Buffer.byteLength(f.name)).toBeLessThanOrEqual(255);
      expect(Buffer.from(f.base64, 'base64').toString('utf8')).toBe(sent.get(id));
    }
  });
});
