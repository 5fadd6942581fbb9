import type { CliArgs, FlagKind } from './command';
import { UsageError } from './command';

/** Flags every command accepts. */
export const GLOBAL_FLAGS: Record<string, FlagKind> = {
  json: 'boolean',
  data: 'string',
  lang: 'string',
  now: 'string',
  help: 'boolean',
};

/** Splits argv into positionals and flags (`--name value`, `--name=value`, booleans), checking flags against `known`. */
export function parseArgs(argv: string[], known: Record<string, FlagKind>): CliArgs {
  const positionals: string[] = [];
  const flags: CliArgs['flags'] = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    const kind = known[name];
    if (!kind) throw new UsageError(`Tham số không hợp lệ: --${name}`, `Unknown option: --${name}`);
    if (kind === 'boolean') {
      if (eq !== -1) {
        const v = a.slice(eq + 1);
        if (v !== 'true' && v !== 'false')
          throw new UsageError(`--${name} chỉ nhận true/false`, `--${name} takes true or false`);
        flags[name] = v === 'true';
      } else flags[name] = true;
      continue;
    }
    let value: string;
    if (eq !== -1) value = a.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2))
        throw new UsageError(`Thiếu giá trị cho --${name}`, `Missing value for --${name}`);
      value = next;
      i++;
    }
    if (kind === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new UsageError(`--${name} phải là số`, `--${name} must be a number`);
      flags[name] = n;
    } else if (kind === 'string[]') {
      const prev = flags[name];
      flags[name] = [...(Array.isArray(prev) ? prev : []), value];
    } else flags[name] = value;
  }
  return { positionals, flags };
}
