import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchHarness } from './harness';
import { draftSchema } from '../shared/draft/schema';
import { buildForms } from '../shared/forms/build';
import { bigDraft } from '../tests/unit/declarations/fixtures/make-draft';
import { makeTempDir, removeDir } from '../tests/support/tmp';

const ROWS = 50_000;

/**
 * Child mode: build the forms of a 50,000-row D02-TS once in a fresh process and report its own time and peak RSS, so
 * the memory figure is this build's alone (not the bench runner's).
 */
async function child(outFile: string): Promise<void> {
  const draft = draftSchema.parse(bigDraft(ROWS));
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const forms = buildForms(draft);
  const ms = performance.now() - t0;
  writeFileSync(outFile, forms[0]!.bytes);
  process.stdout.write(
    JSON.stringify({ ms, peakMb: process.resourceUsage().maxRSS / 1024, bytes: forms[0]!.bytes.length }),
  );
}

/** Building the forms of a 50,000-row D02-TS next to `xmllint --noout` parsing the produced file. */
export default async function (h: BenchHarness): Promise<void> {
  const dir = makeTempDir('kekhai-bench-decl-');
  try {
    const file = join(dir, 'D02-TS-595.xml');
    const self = new URL(import.meta.url).pathname;
    const runs: { ms: number; peakMb: number; bytes: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--declarations-child', file], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (r.status !== 0) throw new Error(`declarations bench child failed: ${r.stderr}`);
      runs.push(JSON.parse(r.stdout) as { ms: number; peakMb: number; bytes: number });
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const lint = await h.timeCommand('xmllint', ['--noout', file], { repeat: 3 });
    h.log(`D02-TS ${ROWS} rows: ${(runs[0]!.bytes / 1e6).toFixed(1)} MB`);
    h.figure({
      name: 'declarations.build.50k',
      value: med(runs.map((r) => r.ms)),
      unit: 'ms',
      reference: 'xmllint --noout of the produced D02-TS',
      referenceValue: lint.ms,
      goal: 1.0,
    });
    h.figure({
      name: 'declarations.build.50k.peakMemory',
      value: Math.max(...runs.map((r) => r.peakMb)),
      unit: 'MB',
      reference: 'xmllint --noout peak RSS',
      referenceValue: lint.peakMb ?? 0,
      goal: 300,
      goalUnit: 'MB',
      note: 'peak RSS of a process that generates, parses and builds the 50,000-row draft',
    });
  } finally {
    removeDir(dir);
  }
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href &&
  process.argv[2] === '--declarations-child'
) {
  void child(process.argv[3]!);
}
