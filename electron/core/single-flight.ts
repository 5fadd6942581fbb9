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
  const key = createHash('sha256')
    .update(JSON.stringify([dataDir, method, input]))
    .digest('hex');
  const joined = running.get(key);
  if (joined) return joined as Promise<T>;
  const p = run().finally(() => running.delete(key));
  running.set(key, p);
  return p;
}
