import type { Result } from '../../shared/contract';
import type { ProgressEvent } from '../../shared/contract/common';
import { TRAINING_KEY } from '../../shared/contract/desk';
import { openDatabase } from '../db/open';
import type { Face, ServiceContext } from './context';
import { dispatch } from './dispatch';
import { resourcesDir, trainingDataDir } from './paths';
import { getSetting } from '../system/settings';
import { installCodeCatalog } from '../../shared/codes/catalog';
import { codeCatalogFor } from '../codes/load';
import { parseInstantVN } from '../../shared/format';
import type Database from 'better-sqlite3';

export const TEST_CLOCK_SETTING = 'testMode.clock';

function settingClock(db: Database.Database): Date | null {
  const iso = getSetting<string | null>(db, TEST_CLOCK_SETTING, null);
  return iso ? parseInstantVN(iso) : null;
}

/** Training mode is recorded in the real database (the one place that survives a restart of any face). */
export function trainingOn(homeDb: Database.Database): boolean {
  return getSetting<boolean>(homeDb, TRAINING_KEY, false) === true;
}

export interface RuntimeOptions {
  dataDir: string;
  face: Face;
  /** A fixed clock (CLI `--now`, tests). */
  now?: Date;
  onProgress?: (e: ProgressEvent) => void;
}

/**
 * A process's services: the real store and, while training mode is on, the training store (its own database under
 * `<data>/training`), each one connection and one context, shared by every call of that process (the CLI run, the
 * browser-mode host, the Electron utility process). Each call goes to the store of the current mode.
 */
export class Runtime {
  private homeCtx: ServiceContext | null = null;
  private trainingCtx: ServiceContext | null = null;
  private currentMethod = '';
  constructor(readonly options: RuntimeOptions) {
    // Validation (shared code) checks codes against the dated lists in resources/codes, read on first use.
    installCodeCatalog(() => codeCatalogFor(resourcesDir()));
  }

  private open(dataDir: string, training: boolean): ServiceContext {
    const { db } = openDatabase({ dataDir });
    const fixed = this.options.now;
    const home = () => this.homeCtx ?? ctx;
    const ctx: ServiceContext = {
      db,
      dataDir,
      face: this.options.face,
      // The app's test-mode clock (Cài đặt → chế độ thử) lets a trainer show both sides of a legal deadline.
      now: () => (fixed ? new Date(fixed.getTime()) : (settingClock(db) ?? new Date())),
      get testMode() {
        return training || fixed !== undefined || settingClock(db) !== null || trainingOn(home().db);
      },
      resourcesDir: resourcesDir(),
      progress: (e) => this.options.onProgress?.({ ...e, method: this.currentMethod }),
      training,
      storeFor: (t) => (t ? this.training() : this.home()),
    };
    if (training) ctx.home = { db: this.home().db, dataDir: this.options.dataDir };
    return ctx;
  }

  private home(): ServiceContext {
    this.homeCtx ??= this.open(this.options.dataDir, false);
    return this.homeCtx;
  }

  private training(): ServiceContext {
    this.trainingCtx ??= this.open(trainingDataDir(this.options.dataDir), true);
    return this.trainingCtx;
  }

  /** The context of the current mode. */
  context(): ServiceContext {
    const home = this.home();
    return trainingOn(home.db) ? this.training() : home;
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
    this.trainingCtx?.db.close();
    this.homeCtx?.db.close();
    this.trainingCtx = null;
    this.homeCtx = null;
  }
}
