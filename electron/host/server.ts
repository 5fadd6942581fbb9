import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProgressEvent } from '../../shared/contract/common';
import { rendererDir } from '../core/paths';
import { Runtime } from '../core/runtime';
import { checkApiRequest, checkOrigin } from './guards';
import { BodyTooLarge, bodyLimitFor, drainRefused, megabytes, readBodyCapped } from './body-limits';
import { serveStatic } from './static-files';
import { closeLog, openLog } from '../log/logger';
import { registerSecret } from '../log/redact';
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

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'application/json; charset=utf-8',
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

/**
 * Browser mode: the built renderer and the same API as the desktop window, on 127.0.0.1 only,
 * behind a fresh secret per launch (`http://127.0.0.1:N/?token=SECRET`).
 */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const secret = randomBytes(24).toString('base64url');
  // The host's own log (<data>/logs/host.log): calls and refusals, never their input; the secret is masked anyway.
  registerSecret(secret);
  const logger = openLog(opts.dataDir, 'host');
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

  const fail = (
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
    messageEn: string,
    extra: Record<string, string> = {},
  ) => send(res, status, JSON.stringify({ ok: false, error: { code, message, messageEn } }), undefined, extra);

  const server = createServer((req, res) => {
    void (async () => {
      let url: URL;
      let pathname: string;
      try {
        url = new URL(req.url ?? '/', 'http://127.0.0.1');
        pathname = decodeURIComponent(url.pathname);
      } catch {
        // A malformed address (bad percent-encoding, an absolute-form target we cannot parse) is the client's fault.
        fail(res, 400, 'BAD_REQUEST', 'Địa chỉ yêu cầu không hợp lệ', 'Malformed request URL');
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        const verdict = checkApiRequest(req, port, secret);
        if (!verdict.ok) {
          logger.warn(
            { path: url.pathname, reason: verdict.reason, origin: req.headers.origin ?? null },
            'api call refused',
          );
          fail(res, 403, 'FORBIDDEN', 'Truy cập bị từ chối', 'Forbidden');
          return;
        }
        if (url.pathname === '/api/progress' && req.method === 'GET') {
          res.writeHead(200, {
            ...SECURITY_HEADERS,
            'Content-Type': 'text/event-stream',
            'Cache-Control': 'no-store',
            Connection: 'keep-alive',
          });
          res.write(': ok\n\n');
          progressClients.add(res);
          req.on('close', () => progressClients.delete(res));
          return;
        }
        if (req.method !== 'POST') {
          fail(res, 405, 'BAD_REQUEST', 'Chỉ nhận POST', 'POST only');
          return;
        }
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
          // A cross-site form can only send text/plain or form encodings without a preflight.
          fail(res, 415, 'BAD_REQUEST', 'Nội dung phải là JSON', 'JSON body required');
          return;
        }
        const method = pathname.slice('/api/'.length);
        const limit = bodyLimitFor(method);
        let input: unknown;
        try {
          const body = await readBodyCapped(req, limit);
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch (e) {
          if (e instanceof BodyTooLarge) {
            logger.warn({ method, limit }, 'request body over the limit');
            // The rest of the body is read first (bounded), so the client gets this answer rather than a reset.
            if (!(await drainRefused(req))) res.once('finish', () => req.destroy());
            fail(
              res,
              413,
              'TOO_LARGE',
              `Nội dung gửi lên vượt quá giới hạn ${megabytes(limit)} của chức năng này`,
              `The request body exceeds this method's ${megabytes(limit)} limit`,
              { Connection: 'close' },
            );
            return;
          }
          fail(res, 400, 'BAD_REQUEST', 'Nội dung yêu cầu không đọc được', 'Unreadable request body');
          return;
        }
        const started = Date.now();
        const result = await runtime.call(method, input);
        const ms = Date.now() - started;
        if (result.ok) logger.info({ method, ms }, 'call');
        else
          logger[result.error.code === 'INTERNAL' ? 'error' : 'info'](
            { method, ms, code: result.error.code, message: result.error.messageEn ?? result.error.message },
            'call failed',
          );
        send(res, 200, JSON.stringify(result));
        return;
      }
      // The app's own files (no data in them) are served without the secret, so a reload or an asset request works
      // without a cookie; Host and Origin are still checked (DNS rebinding).
      if (!checkOrigin(req, port).ok) {
        fail(res, 403, 'FORBIDDEN', 'Truy cập bị từ chối', 'Forbidden');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
        return;
      }
      const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' };
      if (serveStatic(root, pathname, res, headers)) return;
      // Client-side routes fall back to the app page.
      if (!pathname.includes('.') && serveStatic(root, '/', res, headers)) return;
      send(res, 404, 'Không tìm thấy / Not found', 'text/plain; charset=utf-8');
    })().catch((e) => {
      logger.error({ err: e as Error, url: req.url }, 'request failed');
      if (!res.headersSent)
        send(
          res,
          500,
          JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: String((e as Error).message) } }),
        );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  logger.info({ port, dataDir: opts.dataDir }, 'browser-mode host started');
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
          logger.info({ port }, 'browser-mode host stopped');
          runtime.close();
          void closeLog().then(resolve);
        });
      }),
  };
}
