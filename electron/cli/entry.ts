import { isLongRunning, runCli } from './main';

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
