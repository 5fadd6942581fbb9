import type { Result } from '../../shared/contract';
import type { ProgressEvent } from '../../shared/contract/common';
import { openDatabase } from '../db/open';
import type { Face, ServiceContext } from './context';
import { dispatch } from './dispatch';
import { resourcesDir } from './paths';
import { getSetting } from '../system/settings';
import type Database from 'better-sqlite3';

export const TEST_CLOCK_SETTING = 'testMode.clock';

function settingClock(db: Database.Database): Date | null {
  const iso = getSetting<string | null>(db, TEST_CLOCK_SETTING, null);
  const d = iso ? new Date(iso) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

export interface RuntimeOptions {
  dataDir: string;
  face: Face;
  /** A fixed clock (CLI `--now`, tests). */
  now?: Date;
  onProgress?: (e: ProgressEvent) => void;
}

/**
 * A process's services: one database connection and one context, shared by every call of that process
 * (the CLI run, the browser-mode host, the Electron utility process).
 */
export class Runtime {
  private ctxCache: ServiceContext | null = null;
  private currentMethod = '';
  constructor(readonly options: RuntimeOptions) {}

  context(): ServiceContext {
    if (this.ctxCache) return this.ctxCache;
    const { db } = openDatabase({ dataDir: this.options.dataDir });
    const fixed = this.options.now;
    this.ctxCache = {
      db,
      dataDir: this.options.dataDir,
      face: this.options.face,
      // The app's test-mode clock (Cài đặt → chế độ thử) lets a trainer show both sides of a legal deadline.
      now: () => (fixed ? new Date(fixed.getTime()) : settingClock(db) ?? new Date()),
      get testMode() {
        return fixed !== undefined || settingClock(db) !== null || getSetting(db, 'training.enabled', false);
      },
      resourcesDir: resourcesDir(),
      progress: (e) => this.options.onProgress?.({ ...e, method: this.currentMethod }),
    };
    return this.ctxCache;
  }

  async call(method: string, input: unknown): Promise<Result<unknown>> {
    let ctx: ServiceContext;
    try {
      ctx = this.context();
    } catch (e) {
      const { toApiError } = await import('./dispatch');
      return { ok: false, error: toApiError(e) };
    }
    this.currentMethod = method;
    return dispatch(method, input, ctx);
  }

  close(): void {
    this.ctxCache?.db.close();
    this.ctxCache = null;
  }
}
