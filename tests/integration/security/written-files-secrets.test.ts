/**
 * After an I-VAN account is saved with its password and a dossier is signed with the test certificate's password,
 * no file the app hands out holds either secret: the period zip, the audit log (CSV and JSON), the backup copy, the
 * support bundle, the signed file and the roster export — each read whole (zip entries inflated, the database
 * copy's raw pages), plain and base64. The print page escapes what a clerk typed (read by Python's html.parser).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT } from '../../support/units';
import { BEFORE_DEADLINE, draft } from '../ivan/fixtures';

const IVAN_PASSWORD = 'Mk-IVAN-9x7Qp2';
const IVAN_USER = 'ketoan-tsg';
const TEST_CERT_PASSWORD = 'thunghiem';

let dir: string;
let ctx: TestContext;
const produced = new Map<string, Buffer>();

function addZip(label: string, base64: string): void {
  const bytes = Buffer.from(base64, 'base64');
  produced.set(label, bytes);
  for (const [name, data] of Object.entries(unzipSync(bytes))) produced.set(`${label}:${name}`, Buffer.from(data));
}

beforeAll(async () => {
  dir = makeTempDir('kekhai-written-secrets-');
  process.env.KEKHAI_KEY_FILE = join(dir, 'keys', 'ivan.key');
  ctx = createTestContext({ now: BEFORE_DEADLINE });
  await ctx.value('unit.add', SAIGON_UNIT);
  await ctx.value('ivan.settingsSave', {
    unitCode: SAIGON_UNIT.code,
    providerCode: '00040',
    endpoint: 'http://127.0.0.1:9/',
    username: IVAN_USER,
    password: IVAN_PASSWORD,
  });
  const made = await ctx.value('signing.makeDossier', {
    draft: draft(1),
    signer: { kind: 'test-cert', password: TEST_CERT_PASSWORD },
  });
  const { entry } = await ctx.value('ivan.outboxAdd', { file: made.envelope, unitCode: SAIGON_UNIT.code });

  addZip('period zip', (await ctx.value('ivan.exportPeriod', { period: '10/2015' })).file.base64);
  for (const format of ['csv', 'json'] as const)
    produced.set(`audit ${format}`, Buffer.from((await ctx.value('audit.export', { format })).file.base64, 'base64'));
  const backup = await ctx.value('backup.now', { download: true });
  produced.set('backup', Buffer.from(backup.file!.base64, 'base64'));
  addZip('support bundle', (await ctx.value('system.supportBundle', {})).file.base64);
  produced.set('signed file', Buffer.from((await ctx.value('ivan.signedFile', { id: entry.id })).base64, 'base64'));
  addZip('roster export', (await ctx.value('roster.export', { unitCode: SAIGON_UNIT.code })).file.base64);
}, 120_000);

afterAll(() => {
  ctx?.close();
  removeDir(dir);
});

describe('files handed out', () => {
  test('were all produced, the backup a real SQLite copy holding the saved account', () => {
    expect([...produced.keys()]).toEqual(
      expect.arrayContaining(['period zip', 'audit csv', 'audit json', 'backup', 'support bundle', 'signed file']),
    );
    const db = produced.get('backup')!;
    expect(db.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    // The account is there (so the search below looks where a password would be), its password is not.
    expect(db.includes(Buffer.from(IVAN_USER))).toBe(true);
  });

  test.each([
    ['the I-VAN password', IVAN_PASSWORD],
    ['the test certificate password', TEST_CERT_PASSWORD],
  ])('hold no copy of %s, plain, UTF-16 or base64', (_what, secret) => {
    const forms = [
      Buffer.from(secret, 'utf8'),
      Buffer.from(secret, 'utf16le'),
      Buffer.from(Buffer.from(secret).toString('base64').replace(/=+$/, '')),
    ];
    for (const [label, bytes] of produced) for (const f of forms) expect(bytes.includes(f), label).toBe(false);
  });
});

test('dossier.printHtml: markup typed into a name or an address is text, not elements or attributes', async () => {
  const d = draft(2) as unknown as { unit: Record<string, string>; rows: Record<string, unknown>[] };
  d.unit.name = '<script>alert(1)</script>';
  d.unit.address = '"><img src=x onerror=alert(2)>';
  d.rows[0]!.fullName = '<b onmouseover="alert(3)">Lê</b>';
  const { html } = await ctx.value('dossier.printHtml', { draft: d as unknown as Record<string, unknown> });
  const py = `
import json, sys
from html.parser import HTMLParser
seen = []
class P(HTMLParser):
    def handle_starttag(self, tag, attrs): seen.append([tag, [a for a, _ in attrs]])
P().feed(sys.stdin.read())
print(json.dumps(seen))
`;
  const r = spawnSync('python3', ['-c', py], { input: html, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const tags = JSON.parse(r.stdout) as [string, string[]][];
  expect(tags.some(([t]) => t === 'script' || t === 'img')).toBe(false);
  expect(tags.some(([, attrs]) => attrs.some((a) => a.startsWith('on')))).toBe(false);
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
});
