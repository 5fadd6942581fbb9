import { Readable } from 'node:stream';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { BenchHarness } from './harness';
import { createTestContext } from '../tests/support/context';
import { makeTempDir, removeDir } from '../tests/support/tmp';
import { HEADERS, makeEmployees, toRow, writeXlsx } from '../tests/fixtures/roster/generate';
import { foldForSearch } from '../shared/text/fold';

const N = 50_000;
const UNIT = { code: 'TS12345', name: 'Công ty May', taxCode: '0100109106', agencyCode: '07906', wageRegion: '01' };

/** exceljs alone: the same streaming reader and options the import uses, every cell touched. */
async function exceljsRead(bytes: Buffer): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  let cells = 0;
  for await (const ws of reader) {
    for await (const row of ws as AsyncIterable<{ values: unknown[] }>) cells += row.values.length;
    break;
  }
  return cells;
}

/**
 * Roster figures: a 50,000-row .xlsx import (parse + validate + insert, one transaction) next to exceljs reading
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

    const readMs = await h.time(() => exceljsRead(bytes), { repeat: 3 });
    let run = 0;
    const importMs = await h.time(
      async () => {
        const ctx = createTestContext({ dataDir: join(dir, `run-${run++}`), now: new Date('2026-01-15T03:00:00Z') });
        await ctx.value('unit.add', UNIT);
        const r = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob });
        if (r.imported !== N) throw new Error(`imported ${r.imported}`);
        ctx.close();
      },
      { repeat: 3 },
    );
    h.figure({ name: 'roster.import.50k', value: importMs, unit: 'ms', reference: 'exceljs streaming read of the same file', referenceValue: readMs, goal: 1.5 });

    // Peak memory of the whole import as the clerk runs it (CLI), next to exceljs reading the file in a process.
    const cli = join(process.cwd(), 'out', 'cli.cjs');
    const data = join(dir, 'cli-data');
    await h.timeCommand(process.execPath, [cli, 'unit', 'add', '--code', UNIT.code, '--name', UNIT.name, '--tax-code', UNIT.taxCode, '--agency-code', UNIT.agencyCode, '--wage-region', '01', '--data', data], { repeat: 1 });
    const mem = await h.timeCommand(process.execPath, [cli, 'roster', 'import', file, '--unit', UNIT.code, '--dry-run', '--json', '--data', data], { repeat: 1 });
    const readerScript = join(dir, 'read.cjs');
    writeFileSync(
      readerScript,
      `const ExcelJS = require(${JSON.stringify(createRequire(import.meta.url).resolve('exceljs'))});
       (async () => { const r = new ExcelJS.stream.xlsx.WorkbookReader(${JSON.stringify(file)}, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
       for await (const ws of r) { for await (const row of ws) void row; break; } })();`,
    );
    const refMem = await h.timeCommand(process.execPath, [readerScript], { repeat: 1 });
    if (mem.peakMb !== null && refMem.peakMb !== null) {
      h.figure({ name: 'roster.import.50k.peakMemory', value: mem.peakMb, unit: 'MB', reference: 'exceljs streaming read alone (process peak RSS)', referenceValue: refMem.peakMb, goal: 400, goalUnit: 'MB', note: 'CLI --dry-run: parse + validate of all rows, peak RSS' });
    }

    // Search over 50,000 employees.
    const ctx = createTestContext({ dataDir: join(dir, 'run-0'), now: new Date('2026-01-15T03:00:00Z') });
    const queries: string[] = [];
    for (let i = 0; i < 100; i++) {
      const p = people[(i * 7919) % N]!;
      const words = foldForSearch(p.fullName).split(' ');
      queries.push(i % 4 === 0 ? words.join(' ') : i % 4 === 1 ? `${words[1]} ${words[2]}` : i % 4 === 2 ? p.fullName.split(' ').slice(-2).join(' ') : p.insuranceNumber.slice(0, 7));
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
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    h.figure({ name: 'roster.search.50k.median', value: med(times), unit: 'ms', reference: 'indexed exact lookup by mã số', referenceValue: med(exact), goal: 20, goalUnit: 'ms', note: 'employee.list through the dispatcher: count + first page of 100' });
    ctx.close();
  } finally {
    removeDir(dir);
  }
}
