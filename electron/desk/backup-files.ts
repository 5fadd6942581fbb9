import Database from 'better-sqlite3';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import type { BackupInfo } from '../../shared/contract/desk';
import { AppError } from '../core/app-error';
import { formatStampVN } from '../../shared/format';
import { makePrivateDir, tightenMode } from '../db/private-files';

/** Backups live beside the database, where open.ts also puts its pre-migration copies; the folder is private (0700). */
export function backupsDir(dataDir: string): string {
  const dir = join(dataDir, 'backups');
  makePrivateDir(dir);
  return dir;
}

/** `.incoming-<host>-<pid>-<time>.db`: a copy being made, or a file being checked for a restore, owned by that process. */
const STAGED = /^\.incoming-(?:(.+)-)?(\d+)-\d+\.db(?:-wal|-shm|-journal)?$/;

export function stagedFileName(): string {
  return `.incoming-${hostname()}-${process.pid}-${Date.now()}.db`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * At start-up: removes staging files a restore left behind when its process died (a crafted upload must not sit in
 * the folder), and makes every copy private (0600) — copies made by older versions were readable by everyone.
 * A staging file of a live process on this machine (a restore running in another window) is left alone.
 */
export function tidyBackupsFolder(dataDir: string): { removed: string[] } {
  const dir = join(dataDir, 'backups');
  if (!existsSync(dir)) return { removed: [] };
  makePrivateDir(dir);
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const m = STAGED.exec(name);
    if (m) {
      const ours = (m[1] === undefined || m[1] === hostname()) && alive(Number(m[2])) && Number(m[2]) !== process.pid;
      if (!ours) {
        rmSync(join(dir, name), { force: true });
        removed.push(name);
      }
    } else tightenMode(join(dir, name));
  }
  return { removed };
}

export type MadeKind = 'auto' | 'manual' | 'pre-restore';

/** `2015-10-30T03:00:00Z` → `20151030-100000` in Vietnam time (UTC+7, no daylight saving), as the clerk reads it. */
export const stampVN = formatStampVN;

/** The Vietnam calendar day of an instant, `yyyymmdd` (what "one automatic backup per day" counts). */
export function dayVN(d: Date): string {
  return stampVN(d).slice(0, 8);
}

const NAME = /^kekhai-(auto|manual|pre-restore)-(\d{8})-(\d{6})(?:-\d+)?\.db$/;
const PRE_MIGRATION = /^pre-migration-v\d+-(.+)\.db$/;

/** A fresh file name for a new copy; a second copy in the same second gets a counter. */
export function newBackupName(dir: string, kind: MadeKind, now: Date): string {
  const base = `kekhai-${kind}-${stampVN(now)}`;
  let name = `${base}.db`;
  for (let i = 2; existsSync(join(dir, name)); i++) name = `${base}-${i}.db`;
  return name;
}

/** Refuses anything that is not a plain backup file name (no folders, no traversal). */
export function checkBackupName(name: string): string {
  if (basename(name) !== name || !(NAME.test(name) || PRE_MIGRATION.test(name))) {
    throw new AppError('NOT_FOUND', `Không có bản sao lưu "${name}"`, { en: `No backup named "${name}"` });
  }
  return name;
}

function createdAt(name: string, file: string): string {
  const m = NAME.exec(name);
  if (m) {
    const [, , ymd, hms] = m;
    return new Date(
      `${ymd!.slice(0, 4)}-${ymd!.slice(4, 6)}-${ymd!.slice(6, 8)}T${hms!.slice(0, 2)}:${hms!.slice(2, 4)}:${hms!.slice(4, 6)}+07:00`,
    ).toISOString();
  }
  return statSync(file).mtime.toISOString();
}

/** `PRAGMA user_version` of a copy, read-only; null when the file is not a readable SQLite database. */
export function fileSchemaVersion(file: string): number | null {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

export function describeBackup(dir: string, name: string): BackupInfo {
  const file = join(dir, name);
  const kind = NAME.exec(name)?.[1] as MadeKind | undefined;
  return {
    name,
    kind: kind ?? 'pre-migration',
    createdAt: createdAt(name, file),
    sizeBytes: statSync(file).size,
    schemaVersion: fileSchemaVersion(file),
  };
}

/** Every backup in the folder, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  const items = readdirSync(dir)
    .filter((n) => NAME.test(n) || PRE_MIGRATION.test(n))
    .map((n) => describeBackup(dir, n));
  return items.sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.name.localeCompare(a.name),
  );
}
