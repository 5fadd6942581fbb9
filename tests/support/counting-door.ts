import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A pass-through on 127.0.0.1 in front of an I-VAN server that counts the dossier POSTs it forwards. */
export async function countingDoor(
  target: string,
): Promise<{ url: string; posts: () => number; close(): Promise<void> }> {
  let posts = 0;
  const t = new URL(target);
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.startsWith('/v1/dossiers')) posts++;
    const fwd = request(
      { host: t.hostname, port: t.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    fwd.on('error', () => res.destroy());
    req.pipe(fwd);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts: () => posts,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
