import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { AppError } from '../core/app-error';
import type { CellValue, SheetRow } from './sheet';
import { appRoot } from '../core/paths';
import { chooseSheet, XlsxWorkbook } from './read-xlsx';

/**
 * Rows per message: small enough that validation starts early and that a batch is posted before the parsing thread's
 * young generation is collected twice — at 1,000 rows the batch being built was often promoted to the old
 * generation, and half the 50,000-row dry runs peaked ~12 MB higher (144–149 MB against 134–137; at 500: 134–136 in
 * every run, no slower) — and large enough that messages stay few.
 */
const BATCH = 500;
/**
 * The parsing thread's young generation. The tokenizer allocates little beyond the cells it hands out, so V8's
 * default (up to 48 MB) only adds to the import's peak memory; 8 MB measured no slower (docs/DEVELOPING.md).
 */
const YOUNG_GENERATION_MB = 8;
/** A worker that posts nothing for this long is taken as dead (it posts a batch every few milliseconds). */
const STALL_MS = 120_000;

/** The worker could not be started (no bundle, e.g. tests run from source): the caller parses on its own thread instead. */
export class XlsxWorkerUnavailable extends Error {}

type Message =
  | { numbers: number[]; counts: number[]; cells: CellValue[]; formulas: number[]; hidden: number[] }
  | { done: true; merges?: string[] }
  | { error: string; code?: string; messageEn?: string };

let worker: Worker | null | undefined;

/**
 * The parsing thread's code: xlsx-worker-thread.ts built by scripts/build.mjs into its own bundle next to the others
 * (`npm run build`; in the installed app it is unpacked from the archive, see electron-builder.yml asarUnpack).
 */
export function workerBundle(): string {
  return join(appRoot(), 'out', 'workers', 'xlsx-worker.cjs');
}

/** One parsing thread for the process, started on first use and kept (unref'd, so it never holds the process open). */
function parsingThread(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    const file = workerBundle().replace(`${join('app.asar', '')}`, join('app.asar.unpacked', ''));
    if (!existsSync(file)) return (worker = null);
    const w = new Worker(file, {
      workerData: { batch: BATCH },
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    w.unref();
    const forget = () => {
      if (worker === w) worker = undefined;
    };
    w.on('error', forget);
    w.on('exit', forget);
    worker = w;
  } catch {
    worker = null;
  }
  return worker;
}

interface Job {
  port: MessagePort;
  signal: Int32Array;
  sheet: string;
  /** The sheet's merged ranges, known once the parsing thread has read the whole sheet. */
  merges: string[];
}

/**
 * A file's bytes in memory the parsing thread can read too (a SharedArrayBuffer): the file is decoded once and
 * shared, not copied to the thread (less peak memory for a large workbook).
 */
export function fileBytes(base64: string): Buffer {
  const bytes = Buffer.from(new SharedArrayBuffer(Buffer.byteLength(base64, 'base64')));
  return bytes.subarray(0, bytes.write(base64, 'base64'));
}

function startJob(bytes: Buffer, sheetName: string | undefined): Job {
  const w = parsingThread();
  if (!w) throw new XlsxWorkerUnavailable('no worker thread');
  // The sheet is chosen here (its name for messages); everything else is read on the parsing thread.
  const wb = new XlsxWorkbook(bytes);
  const sheet = chooseSheet(wb, { sheet: sheetName }).name;
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(12); // [messages posted, cancelled, batches taken]
  if (bytes.buffer instanceof SharedArrayBuffer) {
    const view = { buffer: bytes.buffer, offset: bytes.byteOffset, length: bytes.length };
    w.postMessage({ port: port2, signal, bytes: view, sheet }, [port2]);
  } else {
    const copy = new Uint8Array(bytes); // transferred: the caller keeps its own buffer
    w.postMessage({ port: port2, signal, bytes: { buffer: copy.buffer, offset: 0, length: copy.length }, sheet }, [
      port2,
      copy.buffer,
    ]);
  }
  return { port: port1, signal: new Int32Array(signal), sheet, merges: [] };
}

/** Tells the parsing thread to stop this file and closes the channel. */
function stop(job: Job): void {
  Atomics.store(job.signal, 1, 1);
  Atomics.notify(job.signal, 2);
  job.port.close();
}

/** Tells the parsing thread a batch was taken (it parses at most a few batches ahead). */
function taken(job: Job): void {
  Atomics.add(job.signal, 2, 1);
  Atomics.notify(job.signal, 2);
}

/** A batch's rows, out of its flat lists. */
function rowsOf(m: Extract<Message, { numbers: number[] }>): SheetRow[] {
  const rows: SheetRow[] = new Array(m.numbers.length);
  let at = 0;
  let f = 0;
  let h = 0;
  for (let i = 0; i < m.numbers.length; i++) {
    const n = m.counts[i]!;
    const cells = m.cells.slice(at, at + n);
    at += n;
    const formulaOnly = m.formulas[f] === i;
    if (formulaOnly) f++;
    const row: SheetRow = formulaOnly ? { row: m.numbers[i]!, cells, formulaOnly } : { row: m.numbers[i]!, cells };
    if (m.hidden[h] === i) {
      h++;
      row.hidden = true;
    }
    rows[i] = row;
  }
  return rows;
}

/** Handles one message; true when the file is finished. */
function handle(job: Job, m: Message, onRows: (rows: SheetRow[]) => void): boolean {
  if ('numbers' in m) {
    onRows(rowsOf(m));
    return false;
  }
  if ('done' in m) {
    if (m.merges) job.merges = m.merges;
    return true;
  }
  if (m.code) throw new AppError(m.code, m.error, { en: m.messageEn });
  throw new AppError('BAD_FILE', `Không đọc được tệp Excel: ${m.error}`, {
    en: `Cannot read the Excel file: ${m.error}`,
  });
}

/**
 * Parses an .xlsx on the parsing thread and hands its rows to `onRows` on THIS thread, synchronously: the caller
 * blocks (Atomics.wait) between batches, so it can keep one SQLite transaction open across the whole file without
 * the event loop running anything else on the connection meanwhile. Parsing and the caller's work
 * (validation, inserts) run in parallel on two cores. Returns the sheet's merged ranges.
 */
export function pullXlsxRows(bytes: Buffer, sheet: string | undefined, onRows: (rows: SheetRow[]) => void): string[] {
  const job = startJob(bytes, sheet);
  try {
    for (;;) {
      const seen = Atomics.load(job.signal, 0);
      const got = receiveMessageOnPort(job.port);
      if (got) {
        if (handle(job, got.message as Message, onRows)) return job.merges;
        taken(job);
        continue;
      }
      if (Atomics.wait(job.signal, 0, seen, STALL_MS) === 'timed-out') {
        worker?.terminate().catch(() => undefined);
        worker = undefined;
        throw new AppError('BAD_FILE', 'Không đọc được tệp Excel: quá thời gian chờ', {
          en: 'Cannot read the Excel file: timed out',
        });
      }
    }
  } finally {
    stop(job);
  }
}

/** The same, asynchronously: the event loop keeps running (progress events reach the UI while the file is read). */
export function streamXlsxRows(
  bytes: Buffer,
  sheet: string | undefined,
  onRows: (rows: SheetRow[]) => void,
): Promise<string[]> {
  const job = startJob(bytes, sheet);
  const w = worker!;
  return new Promise<string[]>((resolve, reject) => {
    const end = (e?: unknown) => {
      stop(job);
      w.off('exit', died);
      if (e === undefined) resolve(job.merges);
      else reject(e);
    };
    const died = () =>
      end(
        new AppError('BAD_FILE', 'Không đọc được tệp Excel: luồng đọc tệp dừng bất thường', {
          en: 'Cannot read the Excel file: the parsing thread stopped',
        }),
      );
    w.on('exit', died);
    job.port.on('message', (m: Message) => {
      try {
        if (handle(job, m, onRows)) end();
        else taken(job);
      } catch (e) {
        end(e);
      }
    });
  });
}
