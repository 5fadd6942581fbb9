/**
 * Killing the real `kekhai` process (out/cli.cjs) without warning, as a power cut or Windows' task kill does, at
 * chosen points of its run: after a delay, or the moment a file it writes appears or changes. Delays only pick kill
 * points; no test asserts a duration.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CLI } from './cli';

export interface KilledRun {
  /** True when SIGKILL ended the process; false when it had already finished. */
  killed: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
}

interface Started {
  kill(): void;
  done: Promise<KilledRun>;
}

function start(args: string[], data: string, env: Record<string, string> = {}, input?: string): Started {
  const child = spawn(process.execPath, [CLI, ...args, '--data', data], {
    env: { ...process.env, ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (input !== undefined) {
    child.stdin!.on('error', () => undefined); // killed before reading it
    child.stdin!.end(input);
  }
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => (stdout += c));
  child.stderr!.on('data', (c) => (stderr += c));
  const done = new Promise<KilledRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ killed: signal === 'SIGKILL', code, stdout, stderr }));
  });
  return { kill: () => child.kill('SIGKILL'), done };
}

/** Runs the command to the end; how long it took (to spread kill points over its run) and its output. */
export async function timedRun(
  args: string[],
  data: string,
  env?: Record<string, string>,
  input?: string,
): Promise<KilledRun & { ms: number }> {
  const t0 = performance.now();
  const r = await start(args, data, env, input).done;
  return { ...r, ms: performance.now() - t0 };
}

/** Starts the command and SIGKILLs it after `ms` (unless it ended first). */
export async function killAfter(
  args: string[],
  data: string,
  ms: number,
  env?: Record<string, string>,
  input?: string,
): Promise<KilledRun> {
  const s = start(args, data, env, input);
  const timer = setTimeout(s.kill, ms);
  const r = await s.done;
  clearTimeout(timer);
  return r;
}

/**
 * Starts the command and SIGKILLs it as soon as `file` is created, written or renamed into place (inotify through
 * fs.watch on its folder, plus a fast poll) — the worst moment for a writer that truncates the real file first.
 * `file` may also be a folder and a test of names: the first matching name created or changed there.
 */
export async function killWhenFileChanges(
  args: string[],
  data: string,
  file: string | { dir: string; match: (name: string) => boolean; nth?: number },
  env?: Record<string, string>,
  input?: string,
): Promise<KilledRun> {
  const dir = typeof file === 'string' ? dirname(file) : file.dir;
  const match = typeof file === 'string' ? (n: string) => n === basename(file) : file.match;
  // With `nth`, the kill waits for that many change events (a sweep over a file's successive writes, e.g. the
  // commits landing in a -wal file), and the appearance poll is off.
  const nth = typeof file === 'string' ? undefined : file.nth;
  const present = () => (existsSync(dir) ? readdirSync(dir).filter(match) : []);
  const before = new Set(present());
  const s = start(args, data, env, input);
  mkdirSync(dir, { recursive: true });
  let seen = 0;
  const watcher = watch(dir, (_event, changed) => {
    if (changed && match(String(changed)) && ++seen >= (nth ?? 1)) s.kill();
  });
  const poll = setInterval(() => {
    if (nth === undefined && present().some((n) => !before.has(n))) s.kill();
  }, 1);
  const r = await s.done;
  watcher.close();
  clearInterval(poll);
  return r;
}

/** `count` kill points spread over (0, ms): the start-up, the work and the end of a run that took `ms`. */
export function killPoints(ms: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.round((ms * (i + 1)) / (count + 1)));
}

/** SQLite's own checks of a database file: page-level integrity and every foreign key resolving. */
export function checkDatabase(file: string): { integrity: string; foreignKeyProblems: unknown[] } {
  const db = new Database(file, { fileMustExist: true });
  try {
    return {
      integrity: String(db.pragma('integrity_check', { simple: true })),
      foreignKeyProblems: db.pragma('foreign_key_check') as unknown[],
    };
  } finally {
    db.close();
  }
}

/** One query against a database file (opened and closed around it). */
export function queryDb<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
