/**
 * V8's young generation for the processes that run imports (the CLI and the Electron service host). V8 grows each
 * semi-space to 16 MB by default; on a 50,000-row import 4 MB saves 20–30 MB of peak memory (issue #11's 150 MB) for
 * ~5–10 % more time (more, smaller scavenges; measured: docs/DEVELOPING.md › Spreadsheets). V8 reads the size only
 * when the process starts: the service host gets it in its execArgv, the CLI in its `#!` line, `npm run bench` too.
 */
const SEMI_SPACE_MB = 4;

export const HEAP_FLAGS = [`--max-semi-space-size=${SEMI_SPACE_MB}`];
