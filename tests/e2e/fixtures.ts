import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { makeTempDir, removeDir } from '../support/tmp';

export interface ServedApp {
  /** `http://127.0.0.1:N/?token=SECRET` as printed by `kekhai serve`. */
  url: string;
  baseUrl: string;
  port: number;
  secret: string;
  dataDir: string;
  process: ChildProcess;
}

/** Starts the built CLI's browser mode on a free port with its own data folder; resolves with the URL it prints. */
export async function serveApp(
  opts: { dataDir?: string; now?: string; env?: Record<string, string> } = {},
): Promise<ServedApp> {
  const dataDir = opts.dataDir ?? makeTempDir('kekhai-e2e-');
  const args = [
    join(process.cwd(), 'out', 'cli.cjs'),
    'serve',
    '--port',
    '0',
    '--data',
    dataDir,
    ...(opts.now ? ['--now', opts.now] : []),
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`kekhai serve did not start: ${err}`)), 30_000);
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.stderr!.on('data', (c) => (err += c));
    child.on('exit', (code) => reject(new Error(`kekhai serve exited ${code}: ${err}`)));
  });
  const u = new URL(url);
  return {
    url,
    baseUrl: `${u.protocol}//${u.host}`,
    port: Number(u.port),
    secret: u.searchParams.get('token')!,
    dataDir,
    process: child,
  };
}

export async function stopApp(app: ServedApp, keepData = false): Promise<void> {
  if (app.process.exitCode === null) {
    const done = new Promise((r) => app.process.once('exit', r));
    app.process.kill('SIGTERM');
    await done;
  }
  if (!keepData) removeDir(app.dataDir);
}

/** Calls a method over the served app's HTTP API with its token; fails the test unless the result is ok; the value. */
export function apiCaller(page: Page, app: Pick<ServedApp, 'baseUrl' | 'secret'>) {
  return async (method: string, body: unknown): Promise<Record<string, unknown>> => {
    const r = (await (
      await page.request.post(`${app.baseUrl}/api/${method}`, { data: body, headers: { 'X-Kekhai-Token': app.secret } })
    ).json()) as { ok: boolean; value: unknown; error?: unknown };
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    return r.value as Record<string, unknown>;
  };
}

/** Types a unit into the unit form (first run or Đơn vị), each field by its `unit-<field>` test id, in the order given. */
export async function fillUnitForm(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [field, value] of Object.entries(fields)) await page.getByTestId(`unit-${field}`).fill(value);
}

/** Playwright fixture: `app` is a served browser-mode instance, `page` is opened on it. */
export const test = base.extend<{ app: ServedApp; appPage: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this destructuring.
  app: async ({}, use) => {
    const app = await serveApp();
    await use(app);
    await stopApp(app);
  },
  appPage: async ({ page, app }, use) => {
    await page.goto(app.url);
    await expect(page.getByTestId('statusbar')).toBeVisible();
    await use(page);
  },
});

export { expect };
