import { join } from 'node:path';
import type { BenchHarness } from './harness';
import { makeTempDir, removeDir } from '../tests/support/tmp';

/**
 * Start-up of `kekhai` next to a bare `node -e 0` on the same machine in the same run (issue 14: scripts call the CLI
 * in loops). `--version` and `help` load only the light command table (out/cli.cjs) → goal 2×; `unit list` also loads
 * out/cli-core.cjs, opens the database and the roster capability only → goal 3×.
 */
export default async function (h: BenchHarness): Promise<void> {
  const dir = makeTempDir('kekhai-bench-');
  const cli = join(process.cwd(), 'out', 'cli.cjs');
  const node = (args: string[]) => h.timeCommand(process.execPath, args, { repeat: 11 });
  await node([cli, 'unit', 'list', '--data', dir]); // creates and migrates the database once, outside the timing
  const before = await node(['-e', '0']);
  const version = await node([cli, '--version']);
  const help = await node([cli, 'help']);
  const unitList = await node([cli, 'unit', 'list', '--data', dir]);
  const doctor = await node([cli, 'doctor', '--json', '--data', dir]);
  const after = await node(['-e', '0']);
  // The reference is measured before and after, so a machine that slows down mid-run does not flatter the ratios.
  const ref = (before.ms + after.ms) / 2;
  const reference = 'node -e 0';
  h.figure({ name: 'cli.version.startup', value: version.ms, unit: 'ms', reference, referenceValue: ref, goal: 2 });
  h.figure({ name: 'cli.help.startup', value: help.ms, unit: 'ms', reference, referenceValue: ref, goal: 2 });
  h.figure({ name: 'cli.unitList.startup', value: unitList.ms, unit: 'ms', reference, referenceValue: ref, goal: 3 });
  h.figure({ name: 'cli.doctor.startup', value: doctor.ms, unit: 'ms', reference, referenceValue: ref, goal: null });
  removeDir(dir);
}
