import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProgressEvent } from '../../shared/contract/common';
import { rendererDir } from '../core/paths';
import { Runtime } from '../core/runtime';
import { checkRequest, TOKEN_COOKIE } from './guards';
import { serveStatic } from './static-files';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

export interface HostOptions {
  dataDir: string;
  port?: number;
  now?: Date;
  rendererRoot?: string;
}

export interface RunningHost {
  url: string;
  port: number;
  secret: string;
  runtime: Runtime;
  close(): Promise<void>;
}

/** Largest request body: a 50,000-row spreadsheet as base64 is well under this. */
const MAX_BODY = 256 * 1024 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

/**
 * Browser mode: the built renderer and the same API as the desktop window, on 127.0.0.1 only,
 * behind a fresh secret per launch (`http://127.0.0.1:N/?token=SECRET`).
 */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const secret = randomBytes(24).toString('base64url');
  const progressClients = new Set<ServerResponse>();
  const runtime = new Runtime({
    dataDir: opts.dataDir,
    face: 'browser',
    now: opts.now,
    onProgress: (e: ProgressEvent) => {
      for (const c of progressClients) c.write(`data: ${JSON.stringify(e)}\n\n`);
    },
  });
  // Open (and migrate) the database now, so a refused or broken database is reported at launch, not on first click.
  runtime.context();
  const root = opts.rendererRoot ?? rendererDir();
  let port = 0;

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const verdict = checkRequest(req, url, port, secret);
      if (!verdict.ok) {
        send(res, 403, JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: 'Truy cập bị từ chối', messageEn: 'Forbidden' } }));
        return;
      }
      const cookieHeader: Record<string, string> = verdict.viaQuery ? { 'Set-Cookie': `${TOKEN_COOKIE}=${encodeURIComponent(secret)}; HttpOnly; SameSite=Strict; Path=/` } : {};
      if (url.pathname.startsWith('/api/')) {
        if (url.pathname === '/api/progress' && req.method === 'GET') {
          res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
          res.write(': ok\n\n');
          progressClients.add(res);
          req.on('close', () => progressClients.delete(res));
          return;
        }
        if (req.method !== 'POST') {
          send(res, 405, JSON.stringify({ ok: false, error: { code: 'BAD_REQUEST', message: 'Chỉ nhận POST', messageEn: 'POST only' } }));
          return;
        }
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
          // A cross-site form can only send text/plain or form encodings without a preflight.
          send(res, 415, JSON.stringify({ ok: false, error: { code: 'BAD_REQUEST', message: 'Nội dung phải là JSON', messageEn: 'JSON body required' } }));
          return;
        }
        let input: unknown;
        try {
          const body = await readBody(req);
          input = body ? JSON.parse(body) : {};
        } catch {
          send(res, 400, JSON.stringify({ ok: false, error: { code: 'BAD_REQUEST', message: 'Nội dung yêu cầu không đọc được', messageEn: 'Unreadable request body' } }));
          return;
        }
        const method = decodeURIComponent(url.pathname.slice('/api/'.length));
        const result = await runtime.call(method, input);
        send(res, 200, JSON.stringify(result));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
        return;
      }
      const headers: Record<string, string> = { ...SECURITY_HEADERS, ...cookieHeader, 'Cache-Control': 'no-store' };
      if (serveStatic(root, url.pathname, res, headers)) return;
      // Client-side routes fall back to the app page.
      if (!url.pathname.includes('.') && serveStatic(root, '/', res, headers)) return;
      send(res, 404, 'Không tìm thấy / Not found', 'text/plain; charset=utf-8');
    })().catch((e) => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: String((e as Error).message) } }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${secret}`,
    port,
    secret,
    runtime,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of progressClients) c.end();
        server.closeAllConnections();
        server.close(() => {
          runtime.close();
          resolve();
        });
      }),
  };
}
