/**
 * Browser mode (`kekhai serve`) on a data folder named as a clerk's profile can be — "C:\Users\Pin Nguyễn\…",
 * "…\Mật khẩu cũ\…", "…\VNPT Token Manager\…" — works, and its log and the support bundle show those paths whole
 * (support must see which folder failed), while a PIN sent to the host is still never written.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { closeLog } from '../../../electron/log/logger';
import { redactText } from '../../../electron/log/redact';
import { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../../support/softhsm';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT } from '../../support/units';
import { AWKWARD } from './paths';

const PIN = '482915';
const WRONG_PIN = '735519';
const FORM = '<?xml version="1.0" encoding="utf-8"?>\n<D02-TS><NoiDung/><Cky/></D02-TS>';

let base: string;
let data: string;
let library: string;
let token: SoftHsmToken;
let host: RunningHost;
let bundle: Record<string, string>;
let logText: string;

async function api(method: string, input: unknown): Promise<{ ok: boolean; value?: any; error?: any }> {
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Kekhai-Token': host.secret },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean };
}

beforeAll(async () => {
  base = makeTempDir('kekhai-win-logs-');
  data = join(base, 'Users', 'Pin Nguyễn', 'OneDrive - Secret Garden', 'Mật khẩu cũ', AWKWARD, 'KeKhaiBHXH');
  const libDir = join(base, 'Program Files (x86)', 'VNPT Token Manager');
  mkdirSync(libDir, { recursive: true });
  library = join(libDir, 'vnpt-ca token.so');
  copyFileSync(SOFTHSM_MODULE, library);
  token = await createSoftHsmToken({ label: 'UNIT TOKEN', pin: PIN, soPin: '123456' });
  process.env.SOFTHSM2_CONF = token.conf;
  process.env.KEKHAI_KEY_FILE = join(base, 'keys', 'ivan.key');
  host = await startHost({ dataDir: data, port: 0, now: new Date('2015-10-20T03:00:00Z') });
  try {
    const added = await api('unit.add', SAIGON_UNIT);
    expect(added.ok, JSON.stringify(added.error)).toBe(true);
    const wrong = await api('signing.sign', {
      file: { name: 'D02-TS.xml', base64: Buffer.from(FORM).toString('base64') },
      signer: { kind: 'pkcs11', library, pin: WRONG_PIN },
    });
    expect(wrong.ok).toBe(false);
    const r = await api('system.supportBundle', {});
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    const zip = unzipSync(Buffer.from(r.value.file.base64, 'base64'));
    bundle = Object.fromEntries(Object.entries(zip).map(([k, v]) => [k, strFromU8(v)]));
  } finally {
    await host.close();
    await closeLog();
  }
  const logs = join(data, 'logs');
  logText = readdirSync(logs)
    .map((f) => readFileSync(join(logs, f), 'utf8'))
    .join('\n');
}, 60_000);

afterAll(() => {
  token?.cleanup();
  removeDir(base);
});

/** A path as it appears inside a JSON document (backslashes and quotes escaped). */
const inJson = (p: string) => JSON.stringify(p).slice(1, -1);

describe('a data folder named "…/Pin Nguyễn/…/Mật khẩu cũ/…"', () => {
  test('host.log names the data folder whole', () => {
    const started = logText.split('\n').find((l) => l.includes('browser-mode host started'));
    expect(started).toBeDefined();
    expect(JSON.parse(started!).dataDir).toBe(data);
  });

  test("the support bundle's doctor.json and logs name it whole too", () => {
    expect(bundle['doctor.json']).toContain(inJson(data));
    const logs = Object.entries(bundle).filter(([k]) => k.startsWith('logs/'));
    expect(logs.some(([, v]) => v.includes(inJson(data)))).toBe(true);
  });

  test('no PIN anywhere: not in the log, not in the bundle', () => {
    for (const pin of [PIN, WRONG_PIN]) {
      expect(logText).not.toContain(pin);
      for (const [name, text] of Object.entries(bundle)) expect(text, name).not.toContain(pin);
    }
  });
});

describe('a secret written next to a path is still hidden', () => {
  test.each([
    ['Không mở được C:\\Users\\Hoà\\a.xml: PIN 482915', 'PIN [đã ẩn]'],
    ['/tmp/Tài liệu/a.xml rồi nhập PIN 482915', 'PIN [đã ẩn]'],
    ['C:\\Users\\Hoà\\token=Rq5JITPdrFGz', 'token=[đã ẩn]'],
    ['mật khẩu abc/def tại C:\\x', 'mật khẩu [đã ẩn]'],
  ])('%s', (text, shown) => {
    const out = redactText(text);
    expect(out).toContain(shown);
    expect(out).not.toMatch(/482915|Rq5JITPdrFGz|abc\/def/);
  });
  test('while folder names keep their words', () => {
    const paths = [
      'C:\\Program Files (x86)\\VNPT Token Manager\\vnpt-ca.dll',
      'C:\\Users\\Pin Nguyễn\\AppData\\Roaming\\KeKhaiBHXH',
      '/home/x/OneDrive - Công ty/Secret Santa 2015/Tài liệu',
    ];
    for (const p of paths) expect(redactText(p)).toBe(p);
  });
});
