import type Database from 'better-sqlite3';
import { HttpIvanAdapter } from './http-adapter';
import { endpointsToPoll, pollEndpoint, type PollResult } from './poller';
import { credentialsFor } from './settings-repo';
import { AppError } from '../core/app-error';

/** Polls every endpoint that still owes a result; one endpoint's failure does not stop the others. */
export async function pollAll(db: Database.Database, now: () => Date): Promise<PollResult[]> {
  const out: PollResult[] = [];
  for (const e of endpointsToPoll(db)) {
    try {
      const adapter = new HttpIvanAdapter({
        endpoint: e.endpoint,
        providerCode: e.providerCode ?? undefined,
        credentials: credentialsFor(db, e.unitCode),
      });
      out.push(await pollEndpoint(db, e.endpoint, adapter, now));
    } catch (err) {
      const a = err instanceof AppError ? err : null;
      out.push({
        endpoint: e.endpoint,
        fetched: 0,
        stored: 0,
        changed: 0,
        error: { code: a?.code ?? 'INTERNAL', message: (err as Error).message },
      });
    }
  }
  return out;
}
