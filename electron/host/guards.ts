import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-kekhai-token';

export type GuardVerdict = { ok: true } | { ok: false; status: 403; reason: string };

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Host and Origin, checked on every request:
 * - `Host` must name this loopback port (a DNS-rebinding page reaches us under its own host name);
 * - a present `Origin` must be ours (another site's page posting to us: CSRF).
 */
export function checkOrigin(req: IncomingMessage, port: number): GuardVerdict {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts.includes(host)) return { ok: false, status: 403, reason: 'host' };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin.toLowerCase())) {
    return { ok: false, status: 403, reason: 'origin' };
  }
  return { ok: true };
}

/**
 * An API call must also carry the per-launch secret in the `X-Kekhai-Token` header — never a cookie: browsers send
 * a 127.0.0.1 cookie to every port of 127.0.0.1 (cookies ignore ports), so any other local web server could read it
 * (issue #12, item 7). Nor a query parameter: URLs end up in logs and history. A header is only sent by our script.
 */
export function checkApiRequest(req: IncomingMessage, port: number, secret: string): GuardVerdict {
  const origin = checkOrigin(req, port);
  if (!origin.ok) return origin;
  const fromHeader = req.headers[TOKEN_HEADER];
  if (typeof fromHeader === 'string' && sameSecret(fromHeader, secret)) return { ok: true };
  return { ok: false, status: 403, reason: 'secret' };
}
