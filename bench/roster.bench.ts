import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { BenchHarness } from './harness';
import { createTestContext } from '../tests/support/context';
import { makeTempDir, removeDir } from '../tests/support/tmp';
import { HEADERS, makeEmployees, toRow, writeXlsx } from '../tests/fixtures/roster/generate';
import { foldForSearch } from '../shared/text/fold';
import { HEAP_FLAGS } from '../electron/core/heap';

const N = 50_000;
const UNIT = { code: 'TS12345', name: 'Công ty May', taxCode: '0100109106', agencyCode: '07906', wageRegion: '01' };

/**
 * The reference: libxml2's `xmllint --noout` parsing the same sheet and shared-strings parts (unzipped beforehand,
 * the unzip not counted), the C parser the issue measures against.
 */
function unpackParts(file: string, dir: string): string[] {
  const parts = unzipSync(readFileSync(file), {
    filter: (f) => /^xl\/(worksheets\/sheet1|sharedStrings)\.xml$/.test(f.name),
  });
  return Object.entries(parts).map(([name, bytes]) => {
    const out = join(dir, name.replace(/\//g, '_'));
    writeFileSync(out, bytes);
    return out;
  });
}

/**
 * Roster figures: a 50,000-row .xlsx import (parse + validate + insert, one transaction) next to xmllint parsing
 * the same file; the import's peak memory (CLI child process); diacritics-insensitive search over 50,000 employees
 * (median of 100 queries) next to an indexed exact lookup by mã số.
 */
export default async function (h: BenchHarness): Promise<void> {
  const dir = makeTempDir('kekhai-bench-roster-');
  try {
    const file = join(dir, 'roster-50k.xlsx');
    const people = makeEmployees(N, 2);
    await writeXlsx(file, HEADERS, people.map(toRow));
    const bytes = readFileSync(file);
    const blob = { name: 'roster-50k.xlsx', base64: bytes.toString('base64') };
    h.log(`roster: ${N} rows, ${(bytes.length / 1e6).toFixed(1)} MB`);

    const partsDir = join(dir, 'parts');
    mkdirSync(partsDir);
    const parts = unpackParts(file, partsDir);
    // The import call alone: each run gets a new database with its unit first (creating and migrating it is no part
    // of an import), and the first run warms up. Then xmllint and the import take turns, five rounds, so that both
    // are timed under the same conditions: this VM's speed drifts by ±20 % within minutes, and timing the reference
    // first and the import after put that drift into the ratio.
    const importOnce = async (run: number) => {
      const ctx = createTestContext({ dataDir: join(dir, `run-${run}`), now: new Date('2026-01-15T03:00:00Z') });
      await ctx.value('unit.add', UNIT);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const r = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob });
      const c = process.cpuUsage(c0);
      const ms = performance.now() - t0;
      if (r.imported !== N) throw new Error(`imported ${r.imported}`);
      ctx.close();
      return { ms, cpuMs: (c.user + c.system) / 1000 };
    };
    await importOnce(0);
    const wall: number[] = [];
    const cpu: number[] = [];
    const refWall: number[] = [];
    const refCpu: number[] = [];
    let refPeakMb: number | null = null;
    for (let round = 1; round <= 5; round++) {
      const ref = await h.timeCommand('xmllint', ['--noout', '--huge', ...parts], { repeat: 1 });
      refWall.push(ref.ms);
      if (ref.cpuMs !== null) refCpu.push(ref.cpuMs);
      if (ref.peakMb !== null) refPeakMb = Math.max(refPeakMb ?? 0, ref.peakMb);
      const run = await importOnce(round);
      wall.push(run.ms);
      cpu.push(run.cpuMs);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const importMs = median(wall);
    h.figure({
      name: 'roster.import.50k',
      value: importMs,
      unit: 'ms',
      reference: 'xmllint --noout of the same sheet + shared strings',
      referenceValue: median(refWall),
      goal: 1.5,
    });
    // CPU time (all threads: the parsing thread and this one) next to xmllint's: comparable when the machine is
    // loaded by other jobs, where wall times of a one-thread and a two-thread program are not.
    if (refCpu.length) {
      h.figure({
        name: 'roster.import.50k.cpu',
        value: median(cpu),
        unit: 'ms',
        reference: 'xmllint --noout CPU time (user + system)',
        referenceValue: median(refCpu),
        note: 'CPU time of the import on both threads; no goal of its own (the issue asks for wall time)',
      });
    }

    // Peak memory of the import as the clerk runs it: the `kekhai` command (bin/kekhai.cjs with the node flags of its
    // #! line, HEAP_FLAGS), next to xmllint parsing the same parts.
    const kekhai = (args: string[]) =>
      h.timeCommand(process.execPath, [...HEAP_FLAGS, join(process.cwd(), 'bin', 'kekhai.cjs'), ...args], {
        repeat: 1,
      });
    const data = join(dir, 'cli-data');
    const unitArgs = ['--code', UNIT.code, '--name', UNIT.name, '--tax-code', UNIT.taxCode];
    await kekhai(['unit', 'add', ...unitArgs, '--agency-code', UNIT.agencyCode, '--wage-region', '01', '--data', data]);
    const importArgs = ['roster', 'import', file, '--unit', UNIT.code, '--json', '--data', data];
    const dry = await kekhai([...importArgs, '--dry-run']);
    const written = await kekhai(importArgs);
    if (dry.peakMb !== null && written.peakMb !== null && refPeakMb !== null) {
      h.figure({
        name: 'roster.import.50k.peakMemory',
        value: dry.peakMb,
        unit: 'MB',
        reference: 'xmllint --noout of the same parts (process peak RSS)',
        referenceValue: refPeakMb,
        goal: 150,
        goalUnit: 'MB',
        note: 'kekhai roster import --dry-run: read + validate every row, peak RSS',
      });
      h.figure({
        name: 'roster.import.50k.peakMemory.written',
        value: written.peakMb,
        unit: 'MB',
        reference: 'xmllint --noout of the same parts (process peak RSS)',
        referenceValue: refPeakMb,
        note: "kekhai roster import, rows written: adds SQLite's page cache of the one transaction (64 MB allowed)",
      });
    }

    // Search over 50,000 employees.
    const ctx = createTestContext({ dataDir: join(dir, 'run-0'), now: new Date('2026-01-15T03:00:00Z') });
    const queries: string[] = [];
    for (let i = 0; i < 100; i++) {
      const p = people[(i * 7919) % N]!;
      const words = foldForSearch(p.fullName).split(' ');
      queries.push(
        i % 4 === 0
          ? words.join(' ')
          : i % 4 === 1
            ? `${words[1]} ${words[2]}`
            : i % 4 === 2
              ? p.fullName.split(' ').slice(-2).join(' ')
              : p.insuranceNumber.slice(0, 7),
      );
    }
    const times: number[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      await ctx.value('employee.list', { unitCode: UNIT.code, search: q, limit: 100 });
      times.push(performance.now() - t0);
    }
    const lookup = ctx.db.prepare('SELECT * FROM employees WHERE unit_id = ? AND insurance_number = ?');
    const exact: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      lookup.get(1, people[(i * 7919) % N]!.insuranceNumber);
      exact.push(performance.now() - t0);
    }
    h.figure({
      name: 'roster.search.50k.median',
      value: median(times),
      unit: 'ms',
      reference: 'indexed exact lookup by mã số',
      referenceValue: median(exact),
      goal: 20,
      goalUnit: 'ms',
      note: 'employee.list through the dispatcher: count + first page of 100',
    });
    ctx.close();
  } finally {
    removeDir(dir);
  }
}
