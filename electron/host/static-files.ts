import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves a file of the built renderer; refuses anything that resolves outside `root` (path traversal).
 * `pathname` is already percent-decoded (server.ts answers 400 to a malformed one).
 */
export function serveStatic(
  root: string,
  pathname: string,
  res: ServerResponse,
  headers: Record<string, string>,
): boolean {
  const rel = pathname === '/' ? '/index.html' : pathname;
  if (rel.includes('\0')) return false;
  const file = normalize(join(root, rel));
  if (!file.startsWith(normalize(root) + sep)) return false;
  if (!existsSync(file) || !statSync(file).isFile()) return false;
  res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
  return true;
}
