import Database from 'better-sqlite3';
import { closeSync, copyFileSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo } from '../../shared/contract/desk';
import { AppError } from '../core/app-error';
import type { ServiceContext } from '../core/context';
import { fromFutureError, migrateTo, schemaVersion } from '../db/migrate';
import { latestSchemaVersion } from '../db/migrations';
import { tightenMode } from '../db/private-files';
import { commitPart } from '../core/atomic-file';
import { audit, currentActor } from '../system/settings';
import {
  backupsDir,
  dayVN,
  describeBackup,
  listBackups,
  newBackupName,
  stagedFileName,
  type MadeKind,
} from './backup-files';
import { assertKnownSchema } from './backup-schema';
import { dropUntrustedSettings, mergeAuditLog, readLiveAudit, type Reconfirm } from './backup-sanitize';
import { readSettings } from './settings-store';

function logRun(
  ctx: ServiceContext,
  operation: 'backup' | 'restore',
  kind: MadeKind | 'upload',
  info: { name: string; sizeBytes: number; schemaVersion: number | null },
  check: string,
): void {
  ctx.db
    .prepare(
      'INSERT INTO backup_runs(at, actor, operation, kind, file_name, size_bytes, schema_version, check_result) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      ctx.now().toISOString(),
      currentActor(),
      operation,
      kind,
      info.name,
      info.sizeBytes,
      info.schemaVersion,
      check,
    );
}

/**
 * A consistent copy of the live database through SQLite's online backup API (other connections keep working; the
 * WAL is included), then `PRAGMA quick_check` on the copy so a bad copy is never counted as a backup.
 */
export async function makeBackup(ctx: ServiceContext, kind: MadeKind): Promise<BackupInfo> {
  const dir = backupsDir(ctx.dataDir);
  // Made and checked under a staging name, then renamed: a process killed mid-copy leaves no file that the list,
  // the daily automatic copy or a restore would take for a backup (tidyBackupsFolder removes the leftover).
  const staged = join(dir, stagedFileName());
  try {
    await ctx.db.backup(staged, {
      progress: ({ totalPages, remainingPages }) => {
        ctx.progress({ stage: 'backup', done: totalPages - remainingPages, total: totalPages });
        return 256;
      },
    });
    tightenMode(staged);
    const check = verifyCopy(staged);
    if (check !== 'ok') {
      throw new AppError('BACKUP_FAILED', `Bản sao lưu bị lỗi khi kiểm tra (${check}); chưa có bản sao nào được lưu`, {
        en: `The backup copy failed its check (${check}); nothing was kept`,
      });
    }
    const name = newBackupName(dir, kind, ctx.now());
    commitPart(staged, join(dir, name));
    const info = describeBackup(dir, name);
    ctx.db.transaction(() => {
      logRun(ctx, 'backup', kind, info, 'ok');
      audit(ctx.db, {
        at: ctx.now(),
        action: 'backup.created',
        subjectType: 'database',
        subjectId: name,
        detail: { kind, sizeBytes: info.sizeBytes },
      });
    })();
    return info;
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(staged + suffix, { force: true });
  }
}

/** Makes the copy one self-contained file (a WAL-mode copy would need its -wal/-shm companions), then checks it. */
function verifyCopy(file: string): string {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    return String(db.pragma('quick_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** One automatic copy per Vietnam calendar day; keeps the newest `backup.keep` automatic copies. */
export async function autoBackup(ctx: ServiceContext): Promise<{ made: BackupInfo | null; removed: string[] }> {
  const settings = readSettings(ctx.db);
  if (!settings['backup.auto']) return { made: null, removed: [] };
  const today = dayVN(ctx.now());
  const autos = () => listBackups(ctx.dataDir).filter((b) => b.kind === 'auto');
  const made = autos().some((b) => dayVN(new Date(b.createdAt)) === today) ? null : await makeBackup(ctx, 'auto');
  const removed: string[] = [];
  for (const old of autos().slice(settings['backup.keep'])) {
    for (const suffix of ['', '-wal', '-shm', '-journal'])
      rmSync(join(backupsDir(ctx.dataDir), old.name + suffix), { force: true });
    removed.push(old.name);
  }
  if (removed.length)
    audit(ctx.db, {
      at: ctx.now(),
      action: 'backup.rotated',
      subjectType: 'database',
      subjectId: null,
      detail: { removed },
    });
  return { made, removed };
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Checks a candidate file before anything is replaced: a SQLite file, `PRAGMA integrity_check` = ok, not written by
 * a newer version (DB_FROM_FUTURE), and exactly the schema a release wrote (backup-schema.ts). Returns its version.
 * The file is opened read-only with `trusted_schema = OFF`, so nothing it defines runs while it is inspected.
 */
export function checkCandidate(file: string): number {
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (!head.equals(SQLITE_MAGIC)) {
    throw new AppError('BACKUP_INVALID', 'Tệp không phải bản sao lưu cơ sở dữ liệu KêKhai (không phải tệp SQLite)', {
      en: 'The file is not a KêKhai database backup (not a SQLite file)',
    });
  }
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('trusted_schema = OFF');
  } catch (e) {
    throw new AppError('BACKUP_INVALID', `Không mở được bản sao lưu: ${(e as Error).message}`, {
      en: `Cannot open the backup: ${(e as Error).message}`,
    });
  }
  try {
    let integrity: string[];
    try {
      integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (e) {
      integrity = [(e as Error).message];
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new AppError(
        'BACKUP_CORRUPT',
        `Bản sao lưu bị hỏng, không khôi phục: ${integrity.slice(0, 3).join('; ')}`,
        {
          en: `The backup is damaged and was not restored: ${integrity.slice(0, 3).join('; ')}`,
          details: { integrity: integrity.slice(0, 20) },
        },
      );
    }
    const version = schemaVersion(db);
    if (version > latestSchemaVersion) throw fromFutureError(version, latestSchemaVersion);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    );
    if (version === 0 || !tables.includes('settings')) {
      throw new AppError('BACKUP_INVALID', 'Tệp SQLite này không phải cơ sở dữ liệu KêKhai', {
        en: 'This SQLite file is not a KêKhai database',
        details: { version },
      });
    }
    assertKnownSchema(db, version);
    return version;
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  restoredFrom: string;
  fromSchemaVersion: number;
  schemaVersion: number;
  safetyCopy: BackupInfo;
  /** Settings the backup held that were not restored; the clerk enters them again if they are right. */
  reconfirm: Reconfirm[];
}

/**
 * Restores a backup over the live database. The candidate is copied to a private staging file first (the source
 * cannot change under us), checked, brought up to the current schema, stripped of settings that load code or send
 * data elsewhere, and given the live audit log followed by its own; only then are its pages copied into the live
 * file with SQLite's backup API (our open connection stays valid and sees the new content). Nothing here reads a
 * table of the live database except the audit log, and a live file without one is no obstacle.
 */
export async function restoreBackup(
  ctx: ServiceContext,
  source: { file: string; label: string; kind: 'upload' | MadeKind | 'pre-migration' },
): Promise<RestoreResult> {
  const staged = join(backupsDir(ctx.dataDir), stagedFileName());
  try {
    copyFileSync(source.file, staged);
    tightenMode(staged);
    const fromVersion = checkCandidate(staged);
    const safetyCopy = await makeBackup(ctx, 'pre-restore');
    const liveAudit = readLiveAudit(ctx.db);
    const prepared = new Database(staged, { fileMustExist: true });
    let reconfirm: Reconfirm[];
    let now: number;
    let merged: { kept: number; appended: number };
    try {
      prepared.pragma('journal_mode = DELETE');
      now = migrateTo(prepared);
      ({ reconfirm, merged } = prepared.transaction(() => ({
        reconfirm: dropUntrustedSettings(prepared),
        merged: mergeAuditLog(prepared, liveAudit),
      }))());
      await prepared.backup(ctx.db.name, {
        progress: ({ totalPages, remainingPages }) => {
          ctx.progress({ stage: 'restore', done: totalPages - remainingPages, total: totalPages });
          return 256;
        },
      });
    } finally {
      prepared.close();
    }
    ctx.db.pragma('foreign_keys = ON');
    const size = statSync(source.file).size;
    logRun(
      ctx,
      'restore',
      source.kind === 'pre-migration' ? 'manual' : source.kind,
      { name: source.label, sizeBytes: size, schemaVersion: fromVersion },
      'ok',
    );
    audit(ctx.db, {
      at: ctx.now(),
      action: 'backup.restored',
      subjectType: 'database',
      subjectId: source.label,
      detail: {
        fromSchemaVersion: fromVersion,
        schemaVersion: now,
        safetyCopy: safetyCopy.name,
        auditKept: merged.kept,
        auditAppended: merged.appended,
        notRestored: reconfirm.map((r) => ({ key: r.key, unitCode: r.unitCode, value: r.value })),
      },
    });
    return { restoredFrom: source.label, fromSchemaVersion: fromVersion, schemaVersion: now, safetyCopy, reconfirm };
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(staged + suffix, { force: true });
  }
}

/** An uploaded file goes to a private staging name in the backups folder first (same disk, removed afterwards). */
export function stageUpload(ctx: ServiceContext, base64: string): { file: string; cleanup(): void } {
  const file = join(backupsDir(ctx.dataDir), stagedFileName());
  writeFileSync(file, Buffer.from(base64, 'base64'), { mode: 0o600 });
  return { file, cleanup: () => rmSync(file, { force: true }) };
}
