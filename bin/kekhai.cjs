#!/usr/bin/env -S node --max-semi-space-size=16
// `kekhai` entry (package.json "bin"): the CLI is built to out/cli.cjs by `npm run build`.
// The #! line carries electron/core/heap.ts's HEAP_FLAGS (V8 reads them only at start-up; a test keeps the two equal).
// `env -S` splits them on Linux and macOS; npm's Windows shim reads the same line.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const built = join(__dirname, '..', 'out', 'cli.cjs');
if (!existsSync(built)) {
  process.stderr.write('Chưa build: hãy chạy "npm run build" trước. / Not built yet: run "npm run build" first.\n');
  process.exit(2);
}
require(built);
