import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDraft } from '../../../shared/validation/draft';
import { CLI, runCli } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { existsSync } from 'node:fs';

const fixture = () =>
  JSON.parse(
    readFileSync(join(process.cwd(), 'tests', 'unit', 'declarations', 'fixtures', 'draft-issue.json'), 'utf8'),
  );

/** Issue #12, item 7: numbers beyond the forms' range are refused at validation, never written as 3.5e+58. */
describe('number ranges', () => {
  it('refuses a salary the XML would print in exponent form, naming row and field', () => {
    const d = fixture();
    d.rows[0].salary = 3.5e58;
    const v = validateDraft(d);
    expect(v.ok).toBe(false);
    const p = v.problems.find((x) => x.code === 'NUMBER_OUT_OF_RANGE')!;
    expect(p).toMatchObject({ row: 0, field: 'rows[0].salary', severity: 'error' });
    expect(p.message).toMatch(
      /^Dòng 1 .*Tiền lương: giá trị 3\.5e\+58 vượt quá giới hạn của mẫu \(tối đa 999\.999\.999\.999 đ\)/,
    );
  });

  it('refuses tiny exponent numbers, huge allowances and percentages over 100, and huge batch numbers', () => {
    const d = fixture();
    d.rows[0].allowances = { ...d.rows[0].allowances, other: 1e13, seniorityJobPct: 150, position: 1e-7 };
    d.batch = 1e15;
    const fields = validateDraft(d)
      .problems.filter((x) => x.code === 'NUMBER_OUT_OF_RANGE')
      .map((x) => x.field)
      .sort();
    expect(fields).toEqual([
      'batch',
      'rows[0].allowances.other',
      'rows[0].allowances.position',
      'rows[0].allowances.seniorityJobPct',
    ]);
  });

  it('accepts the largest real amounts', () => {
    const d = fixture();
    d.rows[0].salary = 150_000_000;
    expect(validateDraft(d).problems.filter((x) => x.code === 'NUMBER_OUT_OF_RANGE')).toEqual([]);
  });

  it('`kekhai dossier build` refuses such a draft with exit 1 and writes nothing', async () => {
    expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
    const dir = makeTempDir('kekhai-range-');
    try {
      const d = fixture();
      d.rows[0].salary = 3.5e58;
      writeFileSync(join(dir, 'draft.json'), JSON.stringify(d));
      const out = join(dir, 'out');
      mkdirSync(out);
      const r = await runCli(['dossier', 'build', join(dir, 'draft.json'), '--out', out, '--json'], {
        data: join(dir, 'data'),
      });
      expect(r.code).toBe(1);
      expect(JSON.stringify(r.json)).toMatch(/vượt quá giới hạn của mẫu/);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      removeDir(dir);
    }
  });
});
