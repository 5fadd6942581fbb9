import type { ServiceContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { openDatabase } from '../../electron/db/open';
import { join } from 'node:path';
import type { Input, MethodName, Output, Result } from '../../shared/contract';
import { makeTempDir, removeDir } from './tmp';

export interface TestContext extends ServiceContext {
  /** Calls a method through the real dispatcher (validation included). */
  call<K extends MethodName>(method: K, input: Input<K>): Promise<Result<Output<K>>>;
  /** Like `call`, but throws with the error message when the result is not ok. */
  value<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>>;
  close(): void;
}

/** A real ServiceContext over a migrated database in a temp folder (unit and integration tests). */
export function createTestContext(opts: { dataDir?: string; now?: Date } = {}): TestContext {
  const dataDir = opts.dataDir ?? makeTempDir();
  const { db } = openDatabase({ dataDir });
  const fixed = opts.now;
  const ctx: TestContext = {
    db,
    dataDir,
    face: 'cli',
    now: () => (fixed ? new Date(fixed.getTime()) : new Date()),
    testMode: fixed !== undefined,
    resourcesDir: join(process.cwd(), 'resources'),
    progress: () => undefined,
    call: (method, input) => dispatch(method, input, ctx) as never,
    async value(method, input) {
      const r = await dispatch(method, input, ctx);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} ${JSON.stringify(r.error.details ?? '')}`);
      return r.value as never;
    },
    close() {
      db.close();
      if (!opts.dataDir) removeDir(dataDir);
    },
  };
  return ctx;
}
