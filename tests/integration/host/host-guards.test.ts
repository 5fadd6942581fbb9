import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { makeTempDir, removeDir } from '../../support/tmp';

/** Raw HTTP so the test controls the Host and Origin headers exactly as an attacker's page would send them. */
function raw(port: number, path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser-mode host guards', () => {
  let host: RunningHost;
  let dir: string;
  beforeAll(async () => {
    dir = makeTempDir();
    host = await startHost({ dataDir: dir, port: 0 });
  });
  afterAll(async () => {
    await host.close();
    removeDir(dir);
  });

  const json = { 'Content-Type': 'application/json' };

  it('binds to 127.0.0.1 and prints a URL with a fresh secret', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    const otherDir = makeTempDir();
    const other = await startHost({ dataDir: otherDir, port: 0 });
    expect(other.secret).not.toBe(host.secret);
    await other.close();
    removeDir(otherDir);
  });

  it('answers 403 to pages and API calls without the secret', async () => {
    const h = { Host: `127.0.0.1:${host.port}` };
    expect((await raw(host.port, '/', h)).status).toBe(403);
    expect((await raw(host.port, '/api/system.info', { ...h, ...json }, 'POST', '{}')).status).toBe(403);
    expect((await raw(host.port, '/?token=wrong', h)).status).toBe(403);
  });

  it('serves the page with the secret and sets a same-site cookie', async () => {
    const r = await raw(host.port, `/?token=${host.secret}`, { Host: `127.0.0.1:${host.port}` });
    expect(r.status).toBe(200);
    expect(String(r.headers['set-cookie'])).toMatch(/kekhai_token=.*HttpOnly; SameSite=Strict/);
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('refuses a foreign Host header even with the secret (DNS rebinding)', async () => {
    const r = await raw(host.port, '/api/system.info', { Host: `evil.example:${host.port}`, 'X-Kekhai-Token': host.secret, ...json }, 'POST', '{}');
    expect(r.status).toBe(403);
    const r2 = await raw(host.port, `/?token=${host.secret}`, { Host: `127.0.0.1:${host.port + 1}` });
    expect(r2.status).toBe(403);
  });

  it('refuses a foreign Origin even with the secret (CSRF)', async () => {
    const r = await raw(host.port, '/api/system.info', { Host: `127.0.0.1:${host.port}`, Origin: 'https://evil.example', 'X-Kekhai-Token': host.secret, ...json }, 'POST', '{}');
    expect(r.status).toBe(403);
  });

  it('accepts the secret from the header with our own origin and returns the Result envelope', async () => {
    const r = await raw(host.port, '/api/system.info', { Host: `localhost:${host.port}`, Origin: `http://localhost:${host.port}`, 'X-Kekhai-Token': host.secret, ...json }, 'POST', '{}');
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.ok).toBe(true);
    expect(body.value.face).toBe('browser');
    expect(body.value.dataDir).toBe(dir);
  });

  it('returns typed errors for an unknown method and invalid input', async () => {
    const h = { Host: `127.0.0.1:${host.port}`, 'X-Kekhai-Token': host.secret, ...json };
    const unknown = JSON.parse((await raw(host.port, '/api/nope.nope', h, 'POST', '{}')).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const bad = JSON.parse((await raw(host.port, '/api/system.info', h, 'POST', '{"extra":1}')).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('needs a JSON content type for API calls (a cross-site form cannot send one without a preflight)', async () => {
    const r = await raw(host.port, '/api/system.info', { Host: `127.0.0.1:${host.port}`, 'X-Kekhai-Token': host.secret, 'Content-Type': 'text/plain' }, 'POST', '{}');
    expect(r.status).toBe(415);
  });
});
