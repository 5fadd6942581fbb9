import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HEAP_FLAGS } from '../../../electron/core/heap';
import { cliNodeFlags } from '../../../scripts/cli-flags.mjs';

/**
 * The node flags of the processes that run imports are written once (electron/core/heap.ts) and repeated where V8
 * needs them at start-up: the #! line of the `kekhai` command (read by `env -S` and npm's Windows shim) and, through
 * it, the scripts that start node themselves (npm start's browser mode, npm run bench).
 */
describe('heap flags of the import processes', () => {
  it('the kekhai #! line carries exactly HEAP_FLAGS, and the scripts read them from it', () => {
    const first = readFileSync('bin/kekhai.cjs', 'utf8').split('\n')[0];
    expect(first).toBe(`#!/usr/bin/env -S node ${HEAP_FLAGS.join(' ')}`);
    expect(cliNodeFlags()).toEqual(HEAP_FLAGS);
    expect(readFileSync('scripts/start.mjs', 'utf8')).toMatch(/\.\.\.cliNodeFlags\(\), 'out\/cli\.cjs', 'serve'/);
    // The bench measures the import with the heap the app's processes have.
    expect(readFileSync('scripts/bench.mjs', 'utf8')).toMatch(
      /\.\.\.cliNodeFlags\(\), '--import', 'tsx', 'bench\/run\.ts'/,
    );
  });

  it('node accepts them (a typo would stop every `kekhai` command before it starts)', () => {
    const r = spawnSync(process.execPath, [...HEAP_FLAGS, '-e', 'process.exit(0)']);
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
  });
});
