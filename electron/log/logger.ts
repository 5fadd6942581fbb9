import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createStream, type Generator, type RotatingFileStream } from 'rotating-file-stream';
import { makePrivateDir } from '../db/private-files';
import { redactText, redactValue } from './redact';

/**
 * One rotating log file per process in `<data>/logs` (issue #13, item 7): `main.log` (the desktop shell),
 * `services.log` (the desktop service process), `host.log` (browser mode, `kekhai serve`). pino writes JSON lines;
 * rotating-file-stream keeps each file under 5 MB and the last 5 rotations (`main.1.log` … `main.5.log`). Every
 * line passes redact.ts, so no PIN, password, token or personal number is written.
 */
export type LogProcess = 'main' | 'services' | 'host' | 'cli';

export const LOG_DIR = 'logs';
const MAX_SIZE = '5M';
const KEEP = 5;

export function logsDir(dataDir: string): string {
  return join(dataDir, LOG_DIR);
}

let current: { logger: Logger; stream: RotatingFileStream; file: string } | null = null;

/**
 * Opens the log of `name` in `<dataDir>/logs` (once per process; asked again for the same file, the same logger).
 * A process that moves to another data folder (tests start hosts on several) closes the old file first.
 */
export function openLog(dataDir: string, name: LogProcess): Logger {
  const dir = logsDir(dataDir);
  if (current?.file === join(dir, `${name}.log`)) return current.logger;
  if (current) void closeLog();
  makePrivateDir(dir);
  // With `rotate` (classical logrotate), the generator gets the rotation index only, or null for the live file.
  const fileName = ((index: number | Date | null) =>
    typeof index === 'number' && index > 0 ? `${name}.${index}.log` : `${name}.log`) as Generator;
  const stream = createStream(fileName, { path: dir, size: MAX_SIZE, rotate: KEEP, mode: 0o600 });
  // A full disk or a removed folder must never stop the app: the log is a help, not a duty.
  stream.on('error', () => undefined);
  const logger = pino(
    {
      base: { proc: name, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (obj) => redactValue(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    stream,
  );
  current = { logger, stream, file: join(dir, `${name}.log`) };
  return logger;
}

/** The process's logger, or a silent one before openLog (tests of single modules, the CLI). */
export function log(): Logger {
  return current?.logger ?? silent;
}
const silent = pino({ level: 'silent' });

/** Writes out what is buffered and closes the file (process exit, tests that read the file). */
export function closeLog(): Promise<void> {
  const c = current;
  current = null;
  if (!c) return Promise.resolve();
  return new Promise((resolve) => {
    c.stream.end(() => resolve());
  });
}
