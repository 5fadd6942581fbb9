/** Independent checkers: xmlsec1 verifies every signature we produce; xmllint gives the reference C14N. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function xmlsec1Verify(
  file: string,
  caPem: string,
  opts: { verificationTime?: string } = {},
): { ok: boolean; output: string } {
  const args = ['--verify', '--trusted-pem', caPem];
  if (opts.verificationTime) args.push('--verification-time', opts.verificationTime);
  // Only the Signature's own Id attributes are IDs here; nothing is fetched (URI="" only).
  args.push(file);
  const r = spawnSync('xmlsec1', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

export function xmllintC14n(file: string): Buffer {
  const r = spawnSync('xmllint', ['--c14n', file], { maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`xmllint --c14n failed: ${r.stderr}`);
  return r.stdout;
}

export function writeTo(dir: string, name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
