import { Readable } from 'node:stream';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { CellValue } from './sheet';
import { plain } from './read-xlsx';

/**
 * The .xlsx parsing thread (built as its own bundle, out/workers/xlsx-worker.cjs; started by xlsx-worker.ts).
 *
 * Protocol: the main thread posts `{ port, signal, bytes }` per file (jobs run one after another). The thread streams
 * the first worksheet with the same exceljs reader and options as read-xlsx.ts, turns each row's values into plain
 * cells with the same `plain()`, and posts `{ numbers, counts, cells }` batches on `port`, then `{ done: true }` or
 * `{ error }`; it stops early once the main thread sets `signal[1]`. After every post it bumps `signal[0]` and
 * notifies it, so a main thread that waits synchronously (Atomics.wait + receiveMessageOnPort) wakes up.
 */
interface Job {
  port: MessagePort;
  signal: Int32Array;
  bytes: ArrayBuffer;
}

type Row = { number: number; values: unknown[] };
type Worksheet = AsyncIterable<Row> & { parse?: () => AsyncIterable<{ eventType: string; value: Row }[]> };

const BATCH: number = (workerData as { batch: number }).batch;

let ExcelJS: typeof import('exceljs') | null = null;
let loadError: string | null = null;
try {
  // Loaded here, not imported, so a thread that cannot load it (e.g. a packaged app's archive) says so and the
  // caller parses on its own thread instead.
  ExcelJS = require('exceljs') as typeof import('exceljs');
} catch (e) {
  loadError = String((e as Error)?.message ?? e);
}

/**
 * exceljs's worksheet iterator wraps parse(), which yields the events of each parsed chunk, in a second async generator
 * that yields row by row: a promise and a microtask per row. Reading parse()'s chunks directly gives the same rows in
 * the same order, a chunk at a time, 5-8 % faster (measured on 50,000 rows, exceljs 4.4); the row iterator remains
 * the fallback should a later exceljs drop parse().
 */
async function* rowChunks(ws: Worksheet): AsyncGenerator<Row[]> {
  if (typeof ws.parse !== 'function') {
    for await (const row of ws) yield [row];
    return;
  }
  for await (const events of ws.parse()) {
    const rows: Row[] = [];
    for (const e of events) if (e.eventType === 'row') rows.push(e.value);
    if (rows.length) yield rows;
  }
}

function post(job: Job, msg: unknown): void {
  job.port.postMessage(msg);
  Atomics.add(job.signal, 0, 1);
  Atomics.notify(job.signal, 0);
}

async function run(job: Job): Promise<void> {
  if (!ExcelJS) return post(job, { error: loadError, unavailable: true });
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(job.bytes)]), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    // Flat batches (row numbers, cell counts, cells) clone and unclone much faster than one object per row.
    let numbers: number[] = [];
    let counts: number[] = [];
    let cells: CellValue[] = [];
    for await (const ws of reader as unknown as AsyncIterable<Worksheet>) {
      for await (const chunk of rowChunks(ws)) {
        for (const row of chunk) {
          const values = row.values;
          const n = Math.max(0, values.length - 1);
          numbers.push(row.number);
          counts.push(n);
          for (let i = 1; i <= n; i++) cells.push(plain(values[i]));
          if (numbers.length === BATCH) {
            if (Atomics.load(job.signal, 1)) return; // the main thread gave up on this file (e.g. a missing column)
            post(job, { numbers, counts, cells });
            numbers = [];
            counts = [];
            cells = [];
          }
        }
      }
      break; // first worksheet only
    }
    if (numbers.length) post(job, { numbers, counts, cells });
    post(job, { done: true });
  } catch (e) {
    post(job, { error: String((e as Error)?.message ?? e) });
  }
}

let queue = Promise.resolve();
parentPort!.on('message', (msg: { port: MessagePort; signal: SharedArrayBuffer; bytes: ArrayBuffer }) => {
  const job: Job = { port: msg.port, signal: new Int32Array(msg.signal), bytes: msg.bytes };
  queue = queue.then(() => run(job));
});
