import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { baseDraft, tmRow } from '../../unit/declarations/fixtures/make-draft';

const dir = makeTempDir('kekhai-cli-dc-');
const data = join(dir, 'data');
afterAll(() => removeDir(dir));

describe('kekhai contributions DRAFT.json --json (built CLI): a DC row’s amounts are the change', () => {
  it('DC 5.000.000 → 6.300.000 in 11/2015 = 1.300.000 × 32,5 % = 422.500 (employer 286.000, employee 136.500); same shape as before', async () => {
    const contract = { number: '01/2015/PL', signedOn: '01/11/2015', type: '' as const, from: '', to: '' };
    const draft = baseDraft('11/2015', [
      tmRow({
        plan: 'DC',
        insuranceNo: '3815012345',
        salary: 6_300_000,
        previousSalary: 5_000_000,
        fromMonth: '11/2015',
        contract,
      }),
      // Without the previous salary the amount is unknown: the row is skipped (validation warns), never charged on 6.300.000.
      tmRow({ plan: 'DC', insuranceNo: '3815012346', salary: 6_300_000, fromMonth: '11/2015', contract }),
    ]);
    const file = join(dir, 'dc.json');
    writeFileSync(file, JSON.stringify(draft));
    const r = await runCli(['contributions', file, '--json'], { data });
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(r.json).sort()).toEqual(['rows', 'skipped', 'totals']);
    expect(Object.keys(r.json.rows[0]).sort()).toEqual([
      'bases',
      'capped',
      'employee',
      'employer',
      'index',
      'insuredSalary',
      'month',
      'plan',
      'rate',
      'total',
    ]);
    expect(r.json.rows[0]).toMatchObject({
      index: 0,
      plan: 'DC',
      month: '11/2015',
      insuredSalary: 6_300_000,
      rate: 32.5,
      employer: { total: 286_000 },
      employee: { total: 136_500 },
      total: 422_500,
    });
    expect(r.json.totals).toMatchObject({ employer: 286_000, employee: 136_500, total: 422_500 });
    expect(r.json.skipped).toEqual([1]);
    const human = await runCli(['contributions', file], { data });
    expect(human.stdout).toContain('Dòng 1 DC 11/2015: 286.000 đ + 136.500 đ = 422.500 đ');
    expect(human.stdout).toContain('Dòng 2: chưa tính được số tiền (xem kekhai dossier validate)');
  });
});
