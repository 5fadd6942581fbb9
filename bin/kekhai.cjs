#!/usr/bin/env node
// `kekhai` entry (package.json "bin"): the CLI is built to out/cli.cjs by `npm run build`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const built = join(__dirname, '..', 'out', 'cli.cjs');
if (!existsSync(built)) {
  process.stderr.write('Chưa build: hãy chạy "npm run build" trước. / Not built yet: run "npm run build" first.\n');
  process.exit(2);
}
require(built);
