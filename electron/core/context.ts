import type Database from 'better-sqlite3';
import type { ProgressEvent } from '../../shared/contract/common';

export type Face = 'desktop' | 'browser' | 'cli';

/** What every handler receives besides its validated input. One per process (CLI run, host, utility process). */
export interface ServiceContext {
  /** The open, migrated database. */
  db: Database.Database;
  dataDir: string;
  face: Face;
  /** The clock. Tests and the CLI `--now ISO` set it, so both sides of a legal deadline can be exercised. */
  now(): Date;
  /** True when the clock was set or training mode is on. */
  testMode: boolean;
  /** Long work reports here (import, build, signing, upload). */
  progress(event: Omit<ProgressEvent, 'method'>): void;
  /** Where bundled data lives (`resources/` in the checkout, `process.resourcesPath` when packaged). */
  resourcesDir: string;
  /**
   * The clerk's real data folder and database. In training mode `db`/`dataDir` are the training store
   * (`<home>/training/kekhai.db`) and the real ones stay untouched; absent = this context is the real store.
   */
  home?: { db: Database.Database; dataDir: string };
  /** True when this context is the training store. */
  training?: boolean;
  /** The context of the store for a mode (the Runtime provides it; single-store test contexts do not). */
  storeFor?(training: boolean): ServiceContext;
}
