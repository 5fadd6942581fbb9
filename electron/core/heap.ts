/**
 * V8's young generation for the processes that run imports (the CLI and the Electron service host), stated rather
 * than left to V8's default (computed from the heap limit: 16 MB on 64-bit Node 20) so that a new Node cannot move it unseen. Measured
 * on a 50,000-row import (docs/DEVELOPING.md › Spreadsheets, eighth session): 16 MB against the 4 MB chosen before
 * cuts the main thread's scavenges from ≈ 64 to ≈ 15 per import and their pauses from ≈ 116 to ≈ 22 ms, the import's
 * time by ≈ 15 % (six alternating bench rounds, every one faster), for 4–5 MB more peak memory (131–132 → 136–137 MB
 * against issue #11's 150). The 4 MB had saved 20–30 MB when it was chosen; later changes to the import took that
 * away. V8 reads the size only when the process starts: the service host gets it in its execArgv, the CLI in its `#!`
 * line, `npm run bench` too.
 */
const SEMI_SPACE_MB = 16;

export const HEAP_FLAGS = [`--max-semi-space-size=${SEMI_SPACE_MB}`];
