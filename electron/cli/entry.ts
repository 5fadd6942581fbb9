import * as nodeModule from 'node:module';
import { isLongRunning, runCli } from './main';

// Node ≥ 22.1 keeps V8's compiled code for out/cli-core.cjs between runs (scripts call `kekhai` in loops); older Node
// has no such function and compiles each time.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// `kekhai …`: exit with the command's code unless it started a server.
const argv = process.argv.slice(2);
runCli(argv).then(
  (code) => {
    if (code !== 0 || !isLongRunning(argv)) {
      process.exitCode = code;
      // Flush stdout before exiting (large --json documents are written asynchronously to pipes).
      process.stdout.write('', () => process.exit(code));
    }
  },
  (e) => {
    process.stderr.write(`Lỗi không mong đợi: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
