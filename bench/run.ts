import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHarness, type BenchHarness, type Figure } from './harness';

// `npm run bench [-- --json] [-- --only NAME]`: runs every bench/*.bench.ts; each figure is a ratio to a reference
// measured on this machine in this same run, so the numbers compare across machines.
const json = process.argv.includes('--json');
const onlyIdx = process.argv.indexOf('--only');
const only = onlyIdx === -1 ? null : process.argv[onlyIdx + 1];
const figures: Figure[] = [];
const h = createHarness(figures, json);
const dir = join(process.cwd(), 'bench');
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only || f.startsWith(only)));
for (const f of files.sort()) {
  h.log(`bench: ${f}`);
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default: (h: BenchHarness) => Promise<void> };
  try {
    await mod.default(h);
  } catch (e) {
    process.stderr.write(`bench ${f} failed: ${(e as Error).stack}\n`);
    process.exitCode = 1;
  }
}
// The report also goes to bench/results/latest.json (npm prints its own banner on stdout unless run with -s).
mkdirSync(join(process.cwd(), 'bench', 'results'), { recursive: true });
writeFileSync(join(process.cwd(), 'bench', 'results', 'latest.json'), JSON.stringify({ figures }, null, 2) + '\n');
if (json) process.stdout.write(JSON.stringify({ figures }, null, 2) + '\n');
else {
  for (const f of figures) {
    const goal =
      f.goal === null ? '' : ` goal ${f.goalUnit ? `≤ ${f.goal} ${f.goalUnit}` : `≤ ${f.goal}×`} ${f.met ? '✓' : '✗'}`;
    process.stdout.write(
      `${f.name}: ${f.value} ${f.unit} vs ${f.reference} ${f.referenceValue} ${f.unit} → ${f.ratio}×${goal}\n`,
    );
  }
}
