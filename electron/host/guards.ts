import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-kekhai-token';
export const TOKEN_COOKIE = 'kekhai_token';

export type GuardVerdict = { ok: true; viaQuery: boolean } | { ok: false; status: 403; reason: string };

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * The three checks every request to the browser-mode host passes:
 * - `Host` must name this loopback port (a DNS-rebinding page reaches us under its own host name);
 * - a present `Origin` must be ours (another site's page posting to us: CSRF);
 * - the per-launch secret, from `?token=` (first page load), the `X-Kekhai-Token` header or our cookie.
 */
export function checkRequest(req: IncomingMessage, url: URL, port: number, secret: string): GuardVerdict {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts.includes(host)) return { ok: false, status: 403, reason: 'host' };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin.toLowerCase())) {
    return { ok: false, status: 403, reason: 'origin' };
  }
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null && sameSecret(fromQuery, secret)) return { ok: true, viaQuery: true };
  const fromHeader = req.headers[TOKEN_HEADER];
  if (typeof fromHeader === 'string' && sameSecret(fromHeader, secret)) return { ok: true, viaQuery: false };
  const fromCookie = cookie(req, TOKEN_COOKIE);
  if (fromCookie !== undefined && sameSecret(fromCookie, secret)) return { ok: true, viaQuery: false };
  return { ok: false, status: 403, reason: 'secret' };
}
