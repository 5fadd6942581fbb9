import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** One reported figure: our value next to a reference measured on the same machine in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the reference is (e.g. "exceljs read of the same file"). */
  reference: string;
  referenceValue: number;
  /** value / referenceValue. */
  ratio: number;
  /** The goal: a ratio unless `goalUnit` says otherwise. */
  goal: number | null;
  goalUnit?: string;
  /** Whether the goal is met (null when there is no goal). */
  met: boolean | null;
  note?: string;
}

export interface FigureInput {
  name: string;
  value: number;
  unit: string;
  reference: string;
  referenceValue: number;
  goal?: number | null;
  /** Set when the goal is absolute (e.g. "ms", "MB") instead of a ratio. */
  goalUnit?: string;
  note?: string;
}

export interface BenchHarness {
  figure(f: FigureInput): void;
  /** Median wall time in ms of `repeat` runs of `fn` (after one warm-up run unless `warmup: false`). */
  time(fn: () => unknown | Promise<unknown>, opts?: { repeat?: number; warmup?: boolean }): Promise<number>;
  /**
   * Median wall time in ms of a command (child process), and via /usr/bin/time when present its peak RSS in MB and
   * median CPU time (user + system) in ms — the CPU time stays comparable when other jobs load the machine.
   */
  timeCommand(
    cmd: string,
    args: string[],
    opts?: { repeat?: number; input?: string; env?: Record<string, string> },
  ): Promise<{ ms: number; peakMb: number | null; cpuMs: number | null }>;
  /** A progress line on stderr (silent with --json). */
  log(line: string): void;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export function createHarness(figures: Figure[], quiet: boolean): BenchHarness {
  return {
    figure(f) {
      const ratio = f.referenceValue > 0 ? f.value / f.referenceValue : Number.NaN;
      const goal = f.goal ?? null;
      const met = goal === null ? null : f.goalUnit ? f.value <= goal : ratio <= goal;
      figures.push({
        ...f,
        ratio: Math.round(ratio * 1000) / 1000,
        goal,
        met,
        value: round(f.value),
        referenceValue: round(f.referenceValue),
      });
    },
    async time(fn, opts = {}) {
      if (opts.warmup !== false) await fn();
      const runs: number[] = [];
      for (let i = 0; i < (opts.repeat ?? 3); i++) {
        const t = performance.now();
        await fn();
        runs.push(performance.now() - t);
      }
      return median(runs);
    },
    async timeCommand(cmd, args, opts = {}) {
      const runs: number[] = [];
      const cpu: number[] = [];
      let peak: number | null = null;
      const timeBin = '/usr/bin/time';
      for (let i = 0; i < (opts.repeat ?? 3); i++) {
        const t = performance.now();
        const useTime = existsSync(timeBin);
        const r = useTime
          ? spawnSync(timeBin, ['-f', '%M %U %S', cmd, ...args], {
              input: opts.input,
              env: { ...process.env, ...opts.env },
              maxBuffer: 1 << 30,
            })
          : spawnSync(cmd, args, { input: opts.input, env: { ...process.env, ...opts.env }, maxBuffer: 1 << 30 });
        runs.push(performance.now() - t);
        if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr?.toString().slice(-500)}`);
        if (useTime) {
          const [kb, user, sys] = (r.stderr.toString().trim().split('\n').pop() ?? '').split(' ').map(Number);
          if (Number.isFinite(kb)) peak = Math.max(peak ?? 0, kb! / 1024);
          if (Number.isFinite(user) && Number.isFinite(sys)) cpu.push((user! + sys!) * 1000);
        }
      }
      return { ms: median(runs), peakMb: peak, cpuMs: cpu.length ? median(cpu) : null };
    },
    log(line) {
      if (!quiet) process.stderr.write(line + '\n');
    },
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
