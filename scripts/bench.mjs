// `npm run bench [-- --json]`: builds if needed, then runs bench/run.ts under tsx.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cliNodeFlags } from './cli-flags.mjs';

if (!existsSync('out/cli.cjs')) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
// With the node flags the app's processes start with (bin/kekhai.cjs's #! line, electron/core/heap.ts): the
// in-process figures are then measured with the heap the clerk's import runs in.
const r = spawnSync(
  process.execPath,
  [...cliNodeFlags(), '--import', 'tsx', 'bench/run.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
