/**
 * V8's young generation for the processes that run imports (the CLI and the Electron service host). V8 grows each
 * semi-space to 16 MB by default; a 50,000-row import allocates fast but keeps little, so the larger space costs
 * ~20–25 MB of peak memory and no measurable time (measured: docs/DEVELOPING.md › Spreadsheets). V8 reads the size
 * only when the process starts: the service host gets it in its execArgv, the CLI in its `#!` line.
 */
export const SEMI_SPACE_MB = 4;

export const HEAP_FLAGS = [`--max-semi-space-size=${SEMI_SPACE_MB}`];
