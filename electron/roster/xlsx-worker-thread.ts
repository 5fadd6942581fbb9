import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { AppError } from '../core/app-error';
import type { CellValue } from './sheet';
import { streamXlsx } from './read-xlsx';

/**
 * The .xlsx parsing thread (built as its own bundle, out/workers/xlsx-worker.cjs; started by xlsx-worker.ts).
 *
 * Protocol: the main thread posts `{ port, signal, bytes: { buffer, offset, length }, sheet }` per file (jobs run one
 * after another). The thread streams the named sheet with the same reader as read-xlsx.ts — shared strings looked
 * up here, the table read alongside the sheet as far as its cells need — and posts `{ numbers, counts, cells,
 * formulas, hidden }` batches (positions of rows of formula results only, and of rows Excel hides) on `port`, then `{ done: true, merges? }`
 * (the sheet's merged ranges) or `{ error }`; it stops early once the main thread sets `signal[1]`. After every
 * post it bumps `signal[0]` and notifies it, so a main thread that waits synchronously (Atomics.wait +
 * receiveMessageOnPort) wakes up; the main thread bumps `signal[2]` for each batch it took.
 */
/** The file: a SharedArrayBuffer the main thread also reads, or an ArrayBuffer transferred to this thread. */
interface FileView {
  buffer: ArrayBuffer | SharedArrayBuffer;
  offset: number;
  length: number;
}

interface Job {
  port: MessagePort;
  signal: Int32Array;
  bytes: FileView;
  sheet?: string;
}

const BATCH: number = (workerData as { batch: number }).batch;
/** Batches posted and not yet taken by the main thread before the parser waits (4,000 rows in batches of 500). */
const AHEAD = 8;

function post(job: Job, msg: unknown): void {
  job.port.postMessage(msg);
  Atomics.add(job.signal, 0, 1);
  Atomics.notify(job.signal, 0);
}

function run(job: Job): void {
  let merges: string[] | undefined;
  try {
    streamXlsx(
      new Uint8Array(job.bytes.buffer, job.bytes.offset, job.bytes.length),
      { sheet: job.sheet, formulaRows: true, onMerges: (m) => (merges = m) },
      (rows) => {
        if (Atomics.load(job.signal, 1)) return false; // the main thread gave up on this file (e.g. a missing column)
        // Flat batches (row numbers, cell counts, cells) clone and unclone much faster than one object per row.
        const numbers: number[] = new Array(rows.length);
        const counts: number[] = new Array(rows.length);
        const cells: CellValue[] = [];
        /** Batch positions of the rows of formula results only, and of the rows Excel hides. */
        const formulas: number[] = [];
        const hidden: number[] = [];
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i]!;
          numbers[i] = r.row;
          if (r.formulaOnly) formulas.push(i);
          if (r.hidden) hidden.push(i);
          counts[i] = r.cells.length;
          for (const c of r.cells) cells.push(c);
        }
        post(job, { numbers, counts, cells, formulas, hidden });
        // Flow control: at most AHEAD batches waiting for the main thread (signal[2] counts the ones it took), so a
        // slow consumer does not leave the whole sheet queued in memory.
        for (;;) {
          const taken = Atomics.load(job.signal, 2);
          if (Atomics.load(job.signal, 0) - taken <= AHEAD || Atomics.load(job.signal, 1)) break;
          Atomics.wait(job.signal, 2, taken, 1000);
        }
        return true;
      },
      BATCH,
    );
    post(job, merges ? { done: true, merges } : { done: true });
  } catch (e) {
    const err = e as AppError;
    post(job, {
      error: String(err?.message ?? e),
      code: err instanceof AppError ? err.code : undefined,
      messageEn: err instanceof AppError ? err.messageEn : undefined,
    });
  }
}

parentPort!.on('message', (msg: { port: MessagePort; signal: SharedArrayBuffer; bytes: FileView; sheet?: string }) => {
  run({ port: msg.port, signal: new Int32Array(msg.signal), bytes: msg.bytes, sheet: msg.sheet });
});
