import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from './app-error';

/**
 * Files the clerk keeps (exports, signed dossiers, backups, support bundles) are written under a temporary name
 * beside the target and renamed over it once complete and flushed: a process killed mid-way (power cut, Windows
 * update, the window closed) leaves either the old file, no file, or the whole new one — never a truncated file
 * under the real name. The temporary name `<name>.<pid>-<hex>.part` never matches what a reader looks for (an
 * .xlsx/.xml/.db filter, the backups list), and a later write of the same target removes parts whose process is gone.
 */
const PART = /^\.(\d+)-[0-9a-f]+\.part$/;

/**
 * Room for `.<pid>-<hex>.part` (a Windows pid has up to 10 digits) under the 255 a file name may have: UTF-16 units
 * on NTFS, bytes on ext4 (bytes ≥ units, so a byte cap covers both).
 */
const MAX_NAME_BYTES = 255;
const SUFFIX_ROOM = 32;

/**
 * The start of every part name of `target`: its own name, cut (whole characters) when the suffix would not fit — a
 * clerk may save "…".xlsx under a name Windows allows to its last unit, and the part had gone over the limit.
 */
function partStem(target: string): string {
  const name = basename(target);
  const max = MAX_NAME_BYTES - SUFFIX_ROOM;
  if (Buffer.byteLength(name) <= max) return target;
  let cut = '';
  let bytes = 0;
  for (const ch of name) {
    bytes += Buffer.byteLength(ch);
    if (bytes > max) break;
    cut += ch;
  }
  return join(dirname(target), cut);
}

export function partNameFor(target: string): string {
  return `${partStem(target)}.${process.pid}-${randomBytes(4).toString('hex')}.part`;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `<target>.<pid>-<hex>.part` files left by a process that no longer runs (killed while writing). */
export function removeStaleParts(target: string): string[] {
  const dir = dirname(target);
  const base = basename(partStem(target));
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(base)) continue;
    const m = PART.exec(name.slice(base.length));
    if (!m || alive(Number(m[1]))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Flushes the folder entry of a rename (POSIX); Windows cannot open a folder for fsync and NTFS journals renames. */
function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // A file system that refuses fsync on a folder (some network shares): the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function ioError(target: string, e: unknown): AppError {
  if (e instanceof AppError) return e;
  const why = (e as Error).message;
  return new AppError('IO', `Không ghi được tệp ${target}: ${why}`, { en: `Cannot write ${target}: ${why}`, cause: e });
}

/**
 * Moves a finished part file onto its target (flushed first). On failure the part is removed and the target is
 * untouched.
 */
export function commitPart(part: string, target: string): void {
  try {
    const fd = openSync(part, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(part, target);
  } catch (e) {
    rmSync(part, { force: true });
    throw ioError(target, e);
  }
  syncDir(dirname(target));
}

/** Writes `data` to `target` all or nothing (see above). Returns the absolute path written. */
export function writeFileAtomic(target: string, data: Buffer | Uint8Array | string, mode?: number): string {
  const file = resolve(target);
  removeStaleParts(file);
  const part = partNameFor(file);
  let fd: number | undefined;
  try {
    fd = openSync(part, 'wx', mode ?? 0o666);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(part, file);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(part, { force: true });
    throw ioError(file, e);
  }
  syncDir(dirname(file));
  return file;
}
