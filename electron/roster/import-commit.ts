import { writeSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { ImportResult } from '../../shared/contract/roster';
import { EmployeeStore } from '../services/roster/employee-store';
import type { ImportPlan } from './import-plan';

/**
 * Test hook: `KEKHAI_TEST_PAUSE_IMPORT_AT=N` stops the import after N rows have been written, INSIDE the open
 * transaction, prints `KEKHAI_IMPORT_PAUSED <N>` on stderr and sleeps, so a test can SIGKILL the process at a known
 * point and check that nothing of the import survives. Only honoured in test mode (`--now` or training).
 */
function pauseHook(testMode: boolean): number | null {
  const raw = process.env.KEKHAI_TEST_PAUSE_IMPORT_AT;
  if (!testMode || !raw) return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

function pauseForever(n: number): void {
  writeSync(2, `KEKHAI_IMPORT_PAUSED ${n}\n`);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(cell, 0, 0, 60_000);
}

/**
 * Writes the plan in ONE transaction: every insert and update land together or not at all (a crash or kill
 * mid-way leaves the roster as it was — SQLite rolls the WAL frames of an uncommitted transaction back).
 */
export function commitImport(db: Database.Database, unitId: number, plan: ImportPlan, now: Date, testMode: boolean, onProgress?: (done: number, total: number) => void): Pick<ImportResult, 'imported' | 'updated'> {
  const store = new EmployeeStore(db);
  const at = now.toISOString();
  const pauseAt = pauseHook(testMode);
  const total = plan.inserts.length + plan.updates.length;
  let written = 0;
  const step = () => {
    written++;
    if (pauseAt !== null && written === pauseAt) pauseForever(written);
    if (onProgress && written % 5000 === 0) onProgress(written, total);
  };
  // A 64 MB page cache keeps a 50,000-row transaction from spilling pages to the WAL before it commits.
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -65536');
  try {
  db.transaction(() => {
    const lastId = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM employees').get() as { n: number }).n;
    for (const r of plan.inserts) {
      store.insertOnly(unitId, r.value, at, r.search);
      step();
    }
    store.recordCreated(unitId, lastId, at, 'import');
    for (const r of plan.updates) {
      store.update(r.existing!, r.value, at, 'import', null, r.search);
      step();
    }
  })();
  } finally {
    db.pragma(`cache_size = ${cache}`);
  }
  return { imported: plan.inserts.length, updated: plan.updates.length };
}
