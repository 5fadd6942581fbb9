import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const CLI = join(process.cwd(), 'out', 'cli.cjs');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON when it is a JSON document, else undefined. */
  json: any;
}

/** What `kekhai unit add` needs of a unit (the shape of the units in tests/support/units.ts). */
export interface UnitArgs {
  code: string;
  name: string;
  taxCode: string;
  agencyCode: string;
  wageRegion: string;
}

/** `kekhai unit add` arguments for a unit (without --json / --now, which each test chooses). */
export function unitAddArgs(u: UnitArgs): string[] {
  return [
    'unit',
    'add',
    '--code',
    u.code,
    '--name',
    u.name,
    '--tax-code',
    u.taxCode,
    '--agency-code',
    u.agencyCode,
    '--wage-region',
    u.wageRegion,
  ];
}

/** Runs the BUILT `kekhai` CLI (out/cli.cjs, `npm run build`) in a child process, like a clerk's script would. */
export function runCli(
  args: string[],
  opts: { data?: string; env?: Record<string, string>; input?: string; timeoutMs?: number; cwd?: string } = {},
): Promise<CliRun> {
  const full = opts.data ? [...args, '--data', opts.data] : args;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...full], {
      env: { ...process.env, ...opts.env },
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let json: unknown;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolve({ code, signal, stdout, stderr, json });
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

/** Registers `u` in the data folder `data` through the built CLI (before the app starts); throws with its output on failure. */
export async function addUnitWithCli(data: string, u: UnitArgs): Promise<void> {
  const r = await runCli([...unitAddArgs(u), '--json'], { data });
  if (r.code !== 0) throw new Error(`kekhai unit add ${u.code} exited ${r.code}: ${r.stdout}${r.stderr}`);
}
