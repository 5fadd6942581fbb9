// The node flags of the `kekhai` command: those on the #! line of bin/kekhai.cjs (which a test holds equal to
// electron/core/heap.ts's HEAP_FLAGS), for scripts that start the CLI with `node` themselves.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function cliNodeFlags() {
  const first = readFileSync(fileURLToPath(new URL('../bin/kekhai.cjs', import.meta.url)), 'utf8').split('\n')[0];
  const words = first
    .replace(/^#!\s*/, '')
    .split(/\s+/)
    .filter(Boolean);
  return words.slice(words.indexOf('node') + 1);
}
