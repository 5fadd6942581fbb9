import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../core/app-error';
import { fileTooLarge, MAX_FILE_BYTES } from '../../shared/file-limits';
import type { Input, MethodName, Output } from '../../shared/contract';
import type { ServiceContext } from '../core/context';

export type FlagKind = 'string' | 'boolean' | 'number' | 'string[]';

export interface CliArgs {
  positionals: string[];
  flags: Record<string, string | boolean | number | string[] | undefined>;
}

export interface CliIO {
  /** Calls a contract method through the same dispatcher the window and the host use. Throws `AppError` on `{ok:false}`. */
  call<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>>;
  /** The service context (opens the database on first use). */
  context(): ServiceContext;
  lang: 'vi' | 'en';
  json: boolean;
  /** The CLI's clock (`--now ISO`, else the system clock). */
  now(): Date;
  /** Human-readable output line (suppressed with --json). */
  print(line: string): void;
  /** Progress/diagnostic line on stderr (never the PIN). */
  note(line: string): void;
}

/**
 * One `kekhai` command. `run` returns the value printed as the JSON document with `--json`;
 * `human` renders it for people (Vietnamese, or English with `--lang en`).
 * Throw `UsageError` for bad usage (exit 2) and `AppError` for user/validation errors (exit 1).
 */
export interface CliCommand {
  path: string[];
  usage: string;
  summary: string;
  flags?: Record<string, FlagKind>;
  /** Long-running commands (servers) keep the process alive; the CLI then does not exit after `run`. */
  longRunning?: boolean;
  run(args: CliArgs, io: CliIO): Promise<unknown>;
  human?(value: unknown, lang: 'vi' | 'en'): string;
  /** Exit code for a value that is printed but means failure (e.g. `kekhai verify` of an invalid file exits 1). */
  exitCode?(value: unknown, args: CliArgs): number;
}

/** Bad usage (exit 2). `message` is Vietnamese; `messageEn` real English for `--lang en` (never the Vietnamese again). */
export class UsageError extends Error {
  readonly messageEn: string;
  constructor(message: string, messageEn: string) {
    super(message);
    this.name = 'UsageError';
    this.messageEn = messageEn;
  }
}

export function stringFlag(args: CliArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

export function requireFlag(args: CliArgs, name: string): string {
  const v = stringFlag(args, name);
  if (v === undefined || v === '') throw new UsageError(`Thiếu tham số --${name}`, `Missing option --${name}`);
  return v;
}

const READ_ERRORS: Record<string, [string, string]> = {
  ENOENT: ['tệp không tồn tại (kiểm tra lại đường dẫn)', 'no such file (check the path)'],
  EACCES: ['không có quyền đọc tệp', 'permission denied'],
  EPERM: ['không có quyền đọc tệp', 'permission denied'],
  EISDIR: ['đây là thư mục, không phải tệp', 'it is a folder, not a file'],
};

/**
 * Reads a file named on the command line; a missing or unreadable file is a user error (exit 1) naming the path, and
 * a file over `limit` is refused by its size before it is read.
 */
export function readInputFile(path: string, limit = MAX_FILE_BYTES): Buffer {
  try {
    // Asked before reading: a file over the contract's limit (a video picked by mistake) is refused saying so.
    const info = statSync(path);
    const size = info.isFile() ? info.size : 0;
    if (size > limit) {
      const e = fileTooLarge(path, size, limit);
      throw new AppError(e.code, e.message, { en: e.messageEn, details: { path, bytes: size } });
    }
    return readFileSync(path);
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const [vi, en] = READ_ERRORS[code] ?? [(e as Error).message, (e as Error).message];
    throw new AppError('IO', `Không đọc được tệp ${path}: ${vi}`, {
      en: `Cannot read ${path}: ${en}`,
      details: { path, errno: code || undefined },
    });
  }
}

/** A file named on the command line as it crosses the contract (`fileBlob`). */
export function fileBlobFrom(path: string): { name: string; base64: string } {
  return { name: basename(path), base64: readInputFile(path).toString('base64') };
}
