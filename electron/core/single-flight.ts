import { createHash } from 'node:crypto';

/**
 * One run per request at a time in this process: a call arriving while an identical one runs (a double click on
 * "Ký", "Nộp" or "Nhập", two tabs sending the same request) waits for that run and gets its result, instead of
 * starting a second token session, a second send or a second import. The key is a hash of the data folder, the
 * method and the whole input (a PIN inside it is never kept as text). Calls from other processes are kept apart by
 * the data itself (the dossier state, the outbox claim, the import's keys).
 */
const running = new Map<string, Promise<unknown>>();

export function singleFlight<T>(dataDir: string, method: string, input: unknown, run: () => Promise<T>): Promise<T> {
  const key = requestKey(dataDir, method, input);
  const joined = running.get(key);
  if (joined) return joined as Promise<T>;
  const p = run().finally(() => running.delete(key));
  running.set(key, p);
  return p;
}

/**
 * A hash of the request. Long strings (an import's file, 3.7 MB of base64 for 50,000 rows) go to the hash as they
 * are, their length marking their place in the JSON, instead of being copied into one JSON string first.
 */
function requestKey(dataDir: string, method: string, input: unknown): string {
  const hash = createHash('sha256');
  const json = JSON.stringify([dataDir, method, input], (_key, value: unknown) => {
    if (typeof value !== 'string' || value.length <= 4096) return value;
    hash.update(value);
    return `\u0000${value.length}`;
  });
  return hash.update(json).digest('hex');
}
