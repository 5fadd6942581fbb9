import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type ClientRequest } from 'node:http';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { makeTempDir, removeDir } from '../../support/tmp';

/** Raw HTTP so the test controls the Host and Origin headers exactly as an attacker's page would send them. */
function raw(
  port: number,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
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

/**
 * A chunked POST to settings.set (no Content-Length) whose body `send` writes; the answer's status once read whole,
 * and whether the request was written to its end (`send` calls `wrote` from `req.end`).
 */
function chunkedPost(
  port: number,
  headers: Record<string, string>,
  send: (req: ClientRequest, wrote: () => void) => void,
): Promise<{ status: number; wrote: boolean }> {
  return new Promise((resolve, reject) => {
    let wrote = false;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/settings.set',
        method: 'POST',
        headers: { ...headers, 'Transfer-Encoding': 'chunked' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, wrote }));
      },
    );
    req.on('error', reject);
    send(req, () => (wrote = true));
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

  it('answers 403 to API calls without the secret in the header', async () => {
    const h = { Host: `127.0.0.1:${host.port}` };
    expect((await raw(host.port, '/api/system.info', { ...h, ...json }, 'POST', '{}')).status).toBe(403);
    expect((await raw(host.port, '/api/progress', h)).status).toBe(403);
  });

  it('the secret works only as a header: never from a cookie (shared by every 127.0.0.1 port) or a URL parameter', async () => {
    const h = { Host: `127.0.0.1:${host.port}`, ...json };
    expect(
      (await raw(host.port, '/api/system.info', { ...h, Cookie: `kekhai_token=${host.secret}` }, 'POST', '{}')).status,
    ).toBe(403);
    expect((await raw(host.port, `/api/system.info?token=${host.secret}`, h, 'POST', '{}')).status).toBe(403);
    const page = await raw(host.port, `/?token=${host.secret}`, { Host: `127.0.0.1:${host.port}` });
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('serves the app shell (no data in it) without the secret, with its security headers', async () => {
    const r = await raw(host.port, '/', { Host: `127.0.0.1:${host.port}` });
    expect(r.status).toBe(200);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('a malformed URL is a 400, not a 500', async () => {
    const h = { Host: `127.0.0.1:${host.port}`, 'X-Kekhai-Token': host.secret, ...json };
    const api = await raw(host.port, '/api/system.%E0%A4%A', h, 'POST', '{}');
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'Địa chỉ yêu cầu không hợp lệ' },
    });
    expect((await raw(host.port, '/assets/%E0%A4%A.js', { Host: `127.0.0.1:${host.port}` })).status).toBe(400);
  });

  it('caps request bodies: 413 for an ordinary call over 4 MB (declared or streamed), files up to 200 MB', async () => {
    const h = { Host: `127.0.0.1:${host.port}`, 'X-Kekhai-Token': host.secret, ...json };
    const big = JSON.stringify({ patch: { pad: 'x'.repeat(5 * 1024 * 1024) } });
    const declared = await raw(host.port, '/api/settings.set', h, 'POST', big);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error).toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringContaining('4 MB'),
    });
    // Without a Content-Length (chunked), the stream is cut at the cap.
    const chunked = await chunkedPost(host.port, h, (req) => {
      for (let i = 0; i < 6; i++) req.write('x'.repeat(1024 * 1024));
      req.end();
    });
    expect(chunked.status).toBe(413);
    // A client still sending when the cap is passed (a browser on an office network; CI on a loaded machine): it
    // finishes its upload without a reset and reads the 413. Answering and closing at once had failed its next write
    // (ECONNRESET) before it read the answer.
    const slow = await chunkedPost(host.port, h, (req, wrote) => {
      for (let i = 0; i < 5; i++) req.write('x'.repeat(1024 * 1024));
      setTimeout(() => {
        req.write('x'.repeat(1024 * 1024));
        req.end(wrote);
      }, 300);
    });
    expect(slow).toEqual({ status: 413, wrote: true });
    // A method carrying a file accepts a body above the ordinary cap (it then fails validation on content, not size).
    const restore = await raw(
      host.port,
      '/api/backup.restore',
      h,
      'POST',
      JSON.stringify({ file: { name: 'x.db', base64: Buffer.alloc(5 * 1024 * 1024).toString('base64') } }),
    );
    expect(restore.status).toBe(200);
    expect(JSON.parse(restore.body).error.code).not.toBe('TOO_LARGE');
  });

  it('refuses a foreign Host header even with the secret (DNS rebinding)', async () => {
    const r = await raw(
      host.port,
      '/api/system.info',
      { Host: `evil.example:${host.port}`, 'X-Kekhai-Token': host.secret, ...json },
      'POST',
      '{}',
    );
    expect(r.status).toBe(403);
    const r2 = await raw(host.port, `/?token=${host.secret}`, { Host: `127.0.0.1:${host.port + 1}` });
    expect(r2.status).toBe(403);
  });

  it('refuses a foreign Origin even with the secret (CSRF)', async () => {
    const r = await raw(
      host.port,
      '/api/system.info',
      { Host: `127.0.0.1:${host.port}`, Origin: 'https://evil.example', 'X-Kekhai-Token': host.secret, ...json },
      'POST',
      '{}',
    );
    expect(r.status).toBe(403);
  });

  it('accepts the secret from the header with our own origin and returns the Result envelope', async () => {
    const r = await raw(
      host.port,
      '/api/system.info',
      {
        Host: `localhost:${host.port}`,
        Origin: `http://localhost:${host.port}`,
        'X-Kekhai-Token': host.secret,
        ...json,
      },
      'POST',
      '{}',
    );
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
    const r = await raw(
      host.port,
      '/api/system.info',
      { Host: `127.0.0.1:${host.port}`, 'X-Kekhai-Token': host.secret, 'Content-Type': 'text/plain' },
      'POST',
      '{}',
    );
    expect(r.status).toBe(415);
  });
});
