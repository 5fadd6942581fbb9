import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { contract, isMethodName } from '../../shared/contract';

/** An ordinary call (settings, lists, a draft of a few thousand rows) is far below this. */
export const MAX_CALL_BODY = 4 * 1024 * 1024;
/**
 * A call that carries a file (`fileBlob` base64: a spreadsheet, a signed dossier, a database backup being
 * restored). Base64 is 4/3 of the file; a 150 MB backup fits.
 */
export const MAX_FILE_BODY = 200 * 1024 * 1024;

const takesFile = new Map<string, boolean>();

/** Whether a method's input schema carries a file, read from the contract (so a new upload method needs no list). */
function carriesFile(method: string): boolean {
  let known = takesFile.get(method);
  if (known === undefined) {
    try {
      known = JSON.stringify(
        z.toJSONSchema(contract[method as keyof typeof contract].input, { unrepresentable: 'any', io: 'input' }),
      ).includes('"base64"');
    } catch {
      known = true;
    }
    takesFile.set(method, known);
  }
  return known;
}

export function bodyLimitFor(method: string): number {
  return isMethodName(method) && carriesFile(method) ? MAX_FILE_BODY : MAX_CALL_BODY;
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

/** "200 MB" for the clerk's message. */
export function megabytes(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}
