import { AppError } from '../core/app-error';
import { resolveDataDir } from '../core/paths';
import type { Runtime } from '../core/runtime';
import { APP_VERSION } from '../core/version';
import { isApiError, type ApiError, type FieldProblem } from '../../shared/contract/result';
import { UsageError, type CliCommand, type CliIO } from './command';
import { commands } from './commands';
import { GLOBAL_FLAGS, parseArgs } from './parse-args';
import { loadCore } from './load-core';
import { parseInstantVN } from '../../shared/format';

/** Exit codes: 0 success, 1 user or validation error, 2 bad usage. */
export const EXIT = { ok: 0, user: 1, usage: 2 } as const;

interface Out {
  stdout(s: string): void;
  stderr(s: string): void;
}

const defaultOut: Out = {
  stdout: (s) => process.stdout.write(s + '\n'),
  stderr: (s) => process.stderr.write(s + '\n'),
};

/** Finds the command whose path is the longest prefix of the leading words. */
export function findCommand(words: string[]): { command: CliCommand; rest: string[] } | null {
  let best: CliCommand | null = null;
  for (const c of commands) {
    if (
      c.path.length <= words.length &&
      c.path.every((p, i) => words[i] === p) &&
      (!best || c.path.length > best.path.length)
    )
      best = c;
  }
  return best ? { command: best, rest: words.slice(best.path.length) } : null;
}

function helpText(lang: 'vi' | 'en'): string {
  const head =
    lang === 'en'
      ? `kekhai ${APP_VERSION} — KêKhai BHXH command line\n\nCommands:`
      : `kekhai ${APP_VERSION} — KêKhai BHXH, dòng lệnh\n\nCác lệnh:`;
  const lines = commands.map((c) => `  ${c.usage}\n      ${c.summary}`);
  const tail =
    lang === 'en'
      ? '\nEvery command accepts --json, --data DIR (else KEKHAI_DATA, else the per-user folder), --lang vi|en, --now ISO.'
      : '\nMọi lệnh nhận --json, --data DIR (nếu không: KEKHAI_DATA, rồi thư mục dữ liệu của người dùng), --lang vi|en, --now ISO.';
  return [head, ...lines, tail].join('\n');
}

function renderProblems(problems: FieldProblem[] | undefined, lang: 'vi' | 'en'): string[] {
  return (problems ?? []).map((p) => {
    const text = lang === 'en' ? (p.messageEn ?? p.message) : p.message;
    // Messages usually name their row and field already ("Dòng 3 (Nguyễn Văn A), Tiền lương: …"); prefix only when not.
    const named = /\b(dòng|row)\b/i.test(text);
    const where = named
      ? ''
      : [p.row !== undefined ? (lang === 'en' ? `row ${p.row}` : `dòng ${p.row}`) : '', p.column ?? p.field ?? '']
          .filter(Boolean)
          .join(', ');
    return `  - ${where ? where + ': ' : ''}${text}`;
  });
}

/** Runs one `kekhai` invocation and returns its exit code (the bin wrapper exits with it). */
export async function runCli(argv: string[], out: Out = defaultOut): Promise<number> {
  // First pass: global flags only, to learn --json/--lang before anything can fail.
  const words = argv.filter((a) => !a.startsWith('--'));
  const json = argv.includes('--json');
  const langArg = argv.find((a) => a.startsWith('--lang'));
  let lang: 'vi' | 'en' = process.env.KEKHAI_LANG === 'en' ? 'en' : 'vi';
  if (langArg) {
    const v = langArg.includes('=') ? langArg.split('=')[1] : argv[argv.indexOf(langArg) + 1];
    if (v === 'en' || v === 'vi') lang = v;
  }
  const fail = (code: number, err: ApiError): number => {
    if (json) out.stdout(JSON.stringify({ error: err }, null, 2));
    else {
      out.stderr(`${lang === 'en' ? 'Error' : 'Lỗi'}: ${lang === 'en' ? (err.messageEn ?? err.message) : err.message}`);
      const problems = (err.details as { problems?: FieldProblem[] } | undefined)?.problems;
      for (const l of renderProblems(problems, lang)) out.stderr(l);
    }
    return code;
  };

  if (argv.includes('--version') || words[0] === 'version') {
    out.stdout(json ? JSON.stringify({ version: APP_VERSION }) : APP_VERSION);
    return EXIT.ok;
  }
  if (argv.length === 0 || words[0] === 'help' || (argv.includes('--help') && words.length === 0)) {
    out.stdout(helpText(lang));
    return EXIT.ok;
  }

  // Command words come before the first flag or positional argument that is not a command word.
  const found = findCommand(
    argv.slice(
      0,
      argv.findIndex((a) => a.startsWith('--')) === -1 ? argv.length : argv.findIndex((a) => a.startsWith('--')),
    ),
  );
  if (!found) {
    return fail(EXIT.usage, {
      code: 'USAGE',
      message: `Lệnh không hợp lệ: ${words.join(' ')}. Gõ "kekhai help" để xem các lệnh.`,
      messageEn: `Unknown command: ${words.join(' ')}. Run "kekhai help".`,
    });
  }
  const { command } = found;
  const restArgv = argv.slice(command.path.length);

  let runtime: Runtime | null = null;
  try {
    const args = parseArgs(restArgv, { ...GLOBAL_FLAGS, ...(command.flags ?? {}) });
    if (args.flags.help) {
      out.stdout(`${command.usage}\n  ${command.summary}`);
      return EXIT.ok;
    }
    // Without a zone, --now is Vietnam time whatever the PC's zone (the law's clock; shared/format.ts).
    const nowFlag = typeof args.flags.now === 'string' ? (parseInstantVN(args.flags.now) ?? undefined) : undefined;
    if (typeof args.flags.now === 'string' && !nowFlag)
      throw new UsageError(
        `--now phải là thời điểm ISO 8601, ví dụ 2015-10-30T10:00:00+07:00 (không ghi múi giờ: giờ Việt Nam)`,
        '--now must be an ISO 8601 instant, e.g. 2015-10-30T10:00:00+07:00 (without a zone: Vietnam time)',
      );
    const dataDir = resolveDataDir(typeof args.flags.data === 'string' ? args.flags.data : undefined);
    // Loaded here, not at start-up: `kekhai --version` and `help` never open the database or load a capability.
    const { Runtime } = await loadCore();
    const rt = new Runtime({
      dataDir,
      face: 'cli',
      now: nowFlag,
      onProgress: json ? undefined : (e) => process.stderr.write(`\r${e.stage}: ${e.done}/${e.total}   `),
    });
    runtime = rt;
    const io: CliIO = {
      async call(method, input) {
        const r = await rt.call(method, input);
        if (r.ok) return r.value as never;
        throw new AppError(r.error.code, r.error.message, { en: r.error.messageEn, details: r.error.details });
      },
      context: () => rt.context(),
      lang,
      json,
      now: () => (nowFlag ? new Date(nowFlag.getTime()) : new Date()),
      print: (line) => {
        if (!json) out.stdout(line);
      },
      note: (line) => out.stderr(line),
    };
    const value = await command.run(args, io);
    if (json) out.stdout(JSON.stringify(value ?? null, null, 2));
    else if (command.human) out.stdout(command.human(value, lang));
    else if (value !== undefined && value !== null && typeof value !== 'object') out.stdout(String(value));
    else if (value !== undefined && value !== null) out.stdout(JSON.stringify(value, null, 2));
    if (command.longRunning) runtime = null; // the server keeps the runtime open
    return command.exitCode?.(value, args) ?? EXIT.ok;
  } catch (e) {
    if (e instanceof UsageError) return fail(EXIT.usage, { code: 'USAGE', message: e.message, messageEn: e.messageEn });
    if (e instanceof AppError)
      return fail(EXIT.user, { code: e.code, message: e.message, messageEn: e.messageEn, details: e.details });
    if (isApiError(e)) return fail(EXIT.user, e);
    const { toApiError } = await loadCore();
    return fail(EXIT.user, toApiError(e));
  } finally {
    runtime?.close();
  }
}

/** Whether the process must stay alive after `runCli` (a server was started). */
export function isLongRunning(argv: string[]): boolean {
  const idx = argv.findIndex((a) => a.startsWith('--'));
  const f = findCommand(argv.slice(0, idx === -1 ? argv.length : idx));
  return Boolean(f?.command.longRunning);
}
