import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { contract, isMethodName } from '../../shared/contract';
import { MAX_FILE_BASE64 } from '../../shared/file-limits';

/** An ordinary call (settings, lists, one employee) is far below this. */
export const MAX_CALL_BODY = 4 * 1024 * 1024;
/**
 * A call that carries a file (`fileBlob` base64: a spreadsheet, a signed dossier, a database backup being
 * restored): the largest file the contract takes as base64, and room for the call's other fields.
 */
export const MAX_FILE_BODY = MAX_FILE_BASE64 + 1024 * 1024;
/**
 * A call that carries a whole draft (autosave, validate, build, print, sign): about 680 bytes of JSON a row, so a
 * garment company's yearly wage adjustment of 15,000 DC rows is 10 MB and 50,000 rows (the roster import's size)
 * 34 MB. Under the ordinary 4 MB such a draft could not even be saved in browser mode (about 6,000 rows).
 */
export const MAX_DRAFT_BODY = 64 * 1024 * 1024;

const limits = new Map<string, number>();

/**
 * A method's cap, read from its input schema in the contract (so a new upload method needs no list): a file
 * (`fileBlob`'s base64), else a top-level `draft`, else an ordinary call.
 */
function limitOf(method: string): number {
  let known = limits.get(method);
  if (known === undefined) {
    try {
      const schema = z.toJSONSchema(contract[method as keyof typeof contract].input, {
        unrepresentable: 'any',
        io: 'input',
      }) as { properties?: Record<string, unknown> };
      known = JSON.stringify(schema).includes('"base64"')
        ? MAX_FILE_BODY
        : schema.properties && 'draft' in schema.properties
          ? MAX_DRAFT_BODY
          : MAX_CALL_BODY;
    } catch {
      known = MAX_FILE_BODY;
    }
    limits.set(method, known);
  }
  return known;
}

export function bodyLimitFor(method: string): number {
  return isMethodName(method) ? limitOf(method) : MAX_CALL_BODY;
}

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super('body too large');
  }
}

/**
 * Reads a request body chunk by chunk and stops at `limit` (a declared Content-Length over it is refused before
 * a byte is read), so a huge or endless upload costs at most `limit` bytes of memory.
 */
export function readBodyCapped(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new BodyTooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        // Keep draining without storing, so the 413 answer reaches the client instead of a reset connection.
        reject(new BodyTooLarge(limit));
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks, size));
    });
    req.on('error', reject);
  });
}

/**
 * What of a refused body is still read (and thrown away) before the 413 is sent. Answering at once and closing the
 * connection reset the client while it was still sending: its write failed before it read the answer (seen in CI
 * on a loaded machine; a browser uploading at office-network speed is the same). Reading to the end first is the
 * "lingering close" of RFC 9112 §9.6; a body that goes on past these bounds is cut.
 */
const LINGER_BYTES = 64 * 1024 * 1024;
const LINGER_MS = 5_000;

/**
 * Resolves once a refused request has been read to its end, its data thrown away: true; false when it went on past
 * LINGER_BYTES or LINGER_MS (the caller then closes the connection after answering).
 */
export function drainRefused(req: IncomingMessage): Promise<boolean> {
  if (req.complete) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const done = (complete: boolean) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      resolve(complete);
    };
    const onData = (c: Buffer) => {
      seen += c.length;
      if (seen > LINGER_BYTES) done(false);
    };
    const onEnd = () => done(true);
    const onError = () => done(false);
    const timer = setTimeout(() => done(false), LINGER_MS);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.resume();
  });
}

/** "200 MB" for the clerk's message. */
export function megabytes(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}
