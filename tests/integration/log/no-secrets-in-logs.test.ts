/**
 * Issue #13, item 7: after a token signing with a PIN (and a wrong PIN), a signing with the test certificate's
 * password, I-VAN settings saved with a password and a submission, all through the browser-mode host, the log
 * files hold the calls — and no PIN, password, token or personal number. Then the support bundle: logs, doctor
 * output and versions, no database, no secrets.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { startIvanServer, type RunningIvanServer } from '../../../electron/ivan/simulator/server';
import { closeLog } from '../../../electron/log/logger';
import { CLI, runCli } from '../../support/cli';
import { createSoftHsmToken, type SoftHsmToken } from '../../support/softhsm';
import { makeTempDir, removeDir } from '../../support/tmp';

const PIN = '482915';
const TEST_CERT_PASSWORD = 'thunghiem';
const IVAN_PASSWORD = 'Mk-IVAN-7f3q9z';
const CCCD = '038190012345';
const BHXH = '2800123452';
const NOW = new Date('2015-10-30T03:00:00Z');
const FORM =
  '<?xml version="1.0" encoding="utf-8"?>\n<D02-TS><NoiDung><LaoDong><HoTen>Trần Văn Bình</HoTen></LaoDong></NoiDung><Cky/></D02-TS>';

let dir: string;
let token: SoftHsmToken;
let ivan: RunningIvanServer;
const secrets: string[] = [];

async function api(
  host: RunningHost,
  method: string,
  input: unknown,
): Promise<{ ok: boolean; value?: any; error?: any }> {
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Kekhai-Token': host.secret },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean };
}

function allLogText(): { files: string[]; text: string } {
  const logs = join(dir, 'data', 'logs');
  const files = existsSync(logs) ? readdirSync(logs) : [];
  return { files, text: files.map((f) => readFileSync(join(logs, f), 'utf8')).join('\n') };
}

beforeAll(async () => {
  dir = makeTempDir('kekhai-logs-');
  token = await createSoftHsmToken({
    label: 'UNIT TOKEN',
    pin: PIN,
    soPin: '735511',
    mst: '0101234567',
    notBefore: new Date('2015-01-01T00:00:00Z'),
    notAfter: new Date('2016-12-31T00:00:00Z'),
  });
  process.env.SOFTHSM2_CONF = token.conf;
  process.env.KEKHAI_KEY_FILE = join(dir, 'keys', 'ivan.key');
  ivan = await startIvanServer({
    dataDir: join(dir, 'srv'),
    resourcesDir: join(process.cwd(), 'resources'),
    resultDelayMs: 10,
  });
  const host = await startHost({ dataDir: join(dir, 'data'), port: 0, now: NOW });
  secrets.push(host.secret);
  try {
    const wrong = await api(host, 'signing.sign', {
      file: { name: 'D02-TS.xml', base64: Buffer.from(FORM).toString('base64') },
      signer: { kind: 'pkcs11', library: token.module, pin: '000000' },
    });
    expect(wrong.ok).toBe(false);
    const signed = await api(host, 'signing.sign', {
      file: { name: 'D02-TS.xml', base64: Buffer.from(FORM).toString('base64') },
      signer: { kind: 'pkcs11', library: token.module, pin: PIN },
      unitMst: '0101234567',
    });
    expect(signed.ok, JSON.stringify(signed.error)).toBe(true);

    const draft = JSON.parse(readFileSync('tests/unit/declarations/fixtures/draft-issue.json', 'utf8'));
    expect(JSON.stringify(draft)).toContain(CCCD);
    const dossier = await api(host, 'signing.makeDossier', {
      draft,
      signer: { kind: 'test-cert', password: TEST_CERT_PASSWORD },
    });
    expect(dossier.ok, JSON.stringify(dossier.error)).toBe(true);
    const unitCode = draft.unit.code as string;
    const saved = await api(host, 'ivan.settingsSave', {
      unitCode,
      providerCode: '00040',
      endpoint: ivan.url,
      username: 'ketoan01',
      password: IVAN_PASSWORD,
    });
    expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
    const sent = await api(host, 'ivan.submit', { file: dossier.value.envelope, unitCode });
    expect(sent.ok, JSON.stringify(sent.error)).toBe(true);
    // A refused call is logged too (a wrong secret), without the secret it carried.
    const refused = await fetch(`http://127.0.0.1:${host.port}/api/system.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Kekhai-Token': 'sai-' + host.secret },
      body: '{}',
    });
    expect(refused.status).toBe(403);
  } finally {
    await host.close();
    await closeLog();
  }
}, 120_000);

afterAll(async () => {
  await ivan.close();
  token.cleanup();
  removeDir(dir);
});

describe('the logs', () => {
  test('record the calls of the browser-mode host in <data>/logs/host.log, private to the user', () => {
    const { files, text } = allLogText();
    expect(files).toContain('host.log');
    expect(statSync(join(dir, 'data', 'logs', 'host.log')).mode & 0o777).toBe(0o600);
    for (const method of ['signing.sign', 'signing.makeDossier', 'ivan.settingsSave', 'ivan.submit'])
      expect(text).toContain(`"method":"${method}"`);
    expect(text).toContain('"code":"PKCS11:CKR_PIN_INCORRECT"');
    expect(text).toContain('api call refused');
  });

  test('hold no PIN, password, token or personal number', () => {
    const { text } = allLogText();
    for (const s of [PIN, TEST_CERT_PASSWORD, IVAN_PASSWORD, ...secrets, CCCD, BHXH]) expect(text, s).not.toContain(s);
  });
});

describe('kekhai support-bundle', () => {
  test('writes a zip of the logs, doctor output and versions — no database, no secrets; doctor names the log folder', async () => {
    expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
    const out = join(dir, 'ho-tro.zip');
    const r = await runCli(['support-bundle', '--out', out, '--json'], { data: join(dir, 'data') });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const zip = unzipSync(readFileSync(out));
    const names = Object.keys(zip);
    expect(names).toEqual(expect.arrayContaining(['README.txt', 'doctor.json', 'versions.json', 'logs/host.log']));
    expect(names.some((n) => /\.db|kekhai\.db|keys\//.test(n))).toBe(false);
    const all = names.map((n) => strFromU8(zip[n]!)).join('\n');
    expect(all).not.toContain('SQLite format 3');
    for (const s of [PIN, TEST_CERT_PASSWORD, IVAN_PASSWORD, ...secrets, CCCD, BHXH]) expect(all, s).not.toContain(s);
    expect(JSON.parse(strFromU8(zip['doctor.json']!))).toMatchObject({
      dataDir: join(dir, 'data'),
      logDir: join(dir, 'data', 'logs'),
    });

    const doctor = await runCli(['doctor', '--json'], { data: join(dir, 'data') });
    expect(doctor.json.logDir).toBe(join(dir, 'data', 'logs'));
    const usage = await runCli(['support-bundle'], { data: join(dir, 'data') });
    expect(usage.code).toBe(2);
  });
});
