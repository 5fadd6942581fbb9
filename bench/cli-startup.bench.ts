import { join } from 'node:path';
import type { BenchHarness } from './harness';
import { makeTempDir, removeDir } from '../tests/support/tmp';

/** Start-up cost of a `kekhai` command (open + migrate the database, run, exit) next to a bare `node -e ""`. */
export default async function (h: BenchHarness): Promise<void> {
  const dir = makeTempDir('kekhai-bench-');
  const cli = join(process.cwd(), 'out', 'cli.cjs');
  const ours = await h.timeCommand(process.execPath, [cli, 'doctor', '--json', '--data', dir], { repeat: 5 });
  const ref = await h.timeCommand(process.execPath, ['-e', ''], { repeat: 5 });
  h.figure({ name: 'cli.doctor.startup', value: ours.ms, unit: 'ms', reference: 'node -e ""', referenceValue: ref.ms, goal: null });
  removeDir(dir);
}
