import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from './cli';

/**
 * `kekhai ivan serve` (the training I-VAN) as a child process on 127.0.0.1 with its store in `dir`, answering
 * results after 50 ms at a fixed clock in October 2015 (the test certificate's time); `extra` adds flags (e.g.
 * `--latency-ms`). Resolves with its URL once it has printed it; rejects if it exits first.
 */
export function startIvanServe(
  dir: string,
  port = 0,
  extra: string[] = [],
): Promise<{ url: string; proc: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [CLI, 'ivan', 'serve', '--port', String(port), '--data', dir, ...extra, '--result-delay-ms', '50'].concat([
        '--now',
        '2015-10-20T09:00:00+07:00',
        '--json',
      ]),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    proc.stdout!.on('data', (c) => {
      out += c;
      try {
        resolve({ url: (JSON.parse(out) as { url: string }).url, proc });
      } catch {
        // not the whole document yet
      }
    });
    proc.on('exit', (code, signal) => reject(new Error(`I-VAN server exited ${code ?? signal}`)));
  });
}
