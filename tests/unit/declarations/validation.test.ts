import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLAN_CODES } from '../../../shared/codes/plans';
import type { DraftRowInput } from '../../../shared/draft/schema';
import { validateDraft } from '../../../shared/validation/draft';
import { baseDraft, exampleRow, tmRow } from './fixtures/make-draft';

const PERIOD = '10/2015';

function check(rows: DraftRowInput[], period = PERIOD) {
  return validateDraft(baseDraft(period, rows));
}

function codes(rows: DraftRowInput[], period = PERIOD) {
  return check(rows, period).problems.map((p) => `${p.severity}:${p.code}@${p.field}`);
}

describe('draft validation', () => {
  it('accepts the issue’s example draft as is', () => {
    const json = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'draft-issue.json'), 'utf8'));
    const v = validateDraft(json);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it.each([...PLAN_CODES])('has a valid example for phương án %s', (plan) => {
    const v = check([exampleRow(plan)]);
    expect(v.problems.filter((p) => p.severity !== 'warning')).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it('reports every error at once, each naming its row and field in Vietnamese', () => {
    const v = check([
      tmRow({ salary: 2_000_000 }),
      tmRow({
        fullName: 'Trần Văn B',
        idNumber: '038090012346',
        gender: 'M',
        birthDate: '01/01/1991',
        contract: { number: '', signedOn: '01/10/2015', type: 'fixed', from: '01/10/2015', to: '30/09/2016' },
      }),
      tmRow({ fullName: 'Lò Thị C', idNumber: '038190012347', ethnicity: '77', nationality: 'XX' }),
      tmRow({ fullName: 'Phạm D', idNumber: '038190012348', fromMonth: '10/2015', toMonth: '09/2015' }),
    ]);
    expect(v.ok).toBe(false);
    const by = (code: string) => v.problems.find((p) => p.code === code)!;
    expect(by('SALARY_BELOW_REGIONAL_MINIMUM')).toMatchObject({ row: 0, field: 'rows[0].salary', severity: 'error' });
    expect(by('SALARY_BELOW_REGIONAL_MINIMUM').message).toMatch(
      /^Dòng 1 \(Nguyễn Thị Lan\), Tiền lương: 2\.000\.000 đ thấp hơn mức tối thiểu 2\.750\.000 đ của vùng 02/,
    );
    expect(by('CCCD_BIRTH_YEAR')).toMatchObject({ row: 1, field: 'rows[1].idNumber' });
    expect(by('CONTRACT_NUMBER_REQUIRED')).toMatchObject({ row: 1, field: 'rows[1].contract.number' });
    expect(by('CONTRACT_NUMBER_REQUIRED').message).toContain('Số hợp đồng lao động');
    expect(by('ETHNICITY_UNKNOWN')).toMatchObject({ row: 2, field: 'rows[2].ethnicity' });
    expect(by('NATIONALITY_UNKNOWN')).toMatchObject({ row: 2, field: 'rows[2].nationality' });
    expect(by('MONTHS_OUT_OF_ORDER')).toMatchObject({ row: 3, field: 'rows[3].toMonth' });
    expect(v.errors).toBeGreaterThanOrEqual(6);
  });

  it('checks the CCCD century, gender and year digits against the birth date', () => {
    expect(codes([tmRow({ birthDate: '12/05/1991' })])).toContain('error:CCCD_BIRTH_YEAR@rows[0].idNumber');
    expect(codes([tmRow({ gender: 'M' })])).toContain('error:CCCD_GENDER@rows[0].idNumber');
    expect(codes([tmRow({ birthDate: '1990' })])).toEqual([]);
  });

  it('warns over the cap and still accepts the row', () => {
    const v = check([tmRow({ salary: 30_000_000 })]);
    expect(v.ok).toBe(true);
    expect(v.problems[0]).toMatchObject({ code: 'SALARY_OVER_CAP', severity: 'warning', field: 'rows[0].salary' });
    expect(v.problems[0]!.message).toContain('23.000.000 đ');
  });

  it('warns, naming the rule and its decree, below +7 % for trained workers in 2015 (2.750.000 × 1,07 = 2.942.500)', () => {
    const v = check([tmRow({ salary: 2_900_000, trained: true })]);
    expect(v.ok).toBe(true);
    expect(v.problems.map((p) => `${p.severity}:${p.code}`)).toEqual(['warning:SALARY_BELOW_TRAINED_FLOOR']);
    expect(v.problems[0]!.message).toContain('2.942.500');
    expect(v.problems[0]!.message).toContain('NĐ 103/2014/NĐ-CP');
    expect(codes([tmRow({ salary: 2_900_000 })])).toEqual([]);
    // From 07/2022 the +7 % is gone (NĐ 38/2022): 4.160.000 is enough in vùng II.
    expect(
      codes(
        [
          tmRow({
            salary: 4_160_000,
            trained: true,
            fromMonth: '08/2022',
            contract: { number: '1/HĐ', signedOn: '01/08/2022', type: 'indefinite', from: '01/08/2022', to: '' },
          }),
        ],
        '08/2022',
      ),
    ).toEqual([]);
  });

  it('warns below the heavy/hazardous floors (+5 %, especially +7 %), on top of the trained floor', () => {
    // 2015 vùng II: 2.750.000 × 1,07 = 2.942.500; × 1,05 = 3.089.625; × 1,07 = 3.148.475.
    const heavy = check([tmRow({ salary: 3_000_000, trained: true, hazardous: { from: '01/10/2015', to: '' } })]);
    expect(heavy.problems[0]).toMatchObject({ code: 'SALARY_BELOW_TRAINED_FLOOR', severity: 'warning' });
    expect(heavy.problems[0]!.message).toContain('3.089.625');
    expect(heavy.problems[0]!.message).toContain('nặng nhọc, độc hại');
    expect(heavy.problems[0]!.message).toContain('QĐ 595/QĐ-BHXH Điều 6');
    const special = check([tmRow({ salary: 3_100_000, trained: true, hazardLevel: 'especiallyHeavy' })]);
    expect(special.problems[0]!.message).toContain('3.148.475');
    expect(codes([tmRow({ salary: 2_800_000, hazardLevel: 'heavy' })])).toEqual([
      'warning:SALARY_BELOW_HAZARD_FLOOR@rows[0].salary',
    ]);
  });

  it('refuses TH before 2018 and names the law', () => {
    const v = check([
      {
        ...exampleRow('TH'),
        fromMonth: '10/2015',
        contract: { number: '05/2015/HĐ', signedOn: '01/10/2015', type: 'other', from: '01/10/2015', to: '30/11/2015' },
      },
    ]);
    expect(v.ok).toBe(false);
    const p = v.problems.find((x) => x.code === 'TH_NOT_COMPULSORY')!;
    expect(p).toMatchObject({ severity: 'error', field: 'rows[0].plan' });
    expect(p.message).toContain('Luật BHXH 58/2014/QH13 Điều 2');
  });

  it('warns on a DC without the previous salary (its amount is the difference)', () => {
    expect(codes([{ ...exampleRow('DC'), previousSalary: undefined }])).toContain(
      'warning:PREVIOUS_SALARY_MISSING@rows[0].previousSalary',
    );
    expect(codes([{ ...exampleRow('DC'), salary: 3_200_000 }])).toContain('warning:SALARY_UNCHANGED@rows[0].salary');
  });

  it('accepts birth dates dd/mm/yyyy, mm/yyyy and yyyy', () => {
    for (const birthDate of ['12/05/1990', '05/1990', '1990']) expect(codes([tmRow({ birthDate })])).toEqual([]);
    expect(codes([tmRow({ birthDate: '13/1990' })])).toContain('error:DATE_FORMAT@rows[0].birthDate');
    expect(codes([tmRow({ birthDate: '5/1990' })])).toContain('error:DATE_FORMAT@rows[0].birthDate');
  });

  it('treats ≤ 100 as a coefficient (no regional-minimum check on a coefficient), with coefficient allowances', () => {
    expect(check([tmRow({ salary: 2.34 })]).ok).toBe(true);
    expect(
      codes([
        tmRow({
          salary: 2.34,
          allowances: { position: 500_000, seniorityExcessPct: 0, seniorityJobPct: 0, salary: 0, other: 0 },
        }),
      ]),
    ).toContain('error:ALLOWANCE_NOT_COEFFICIENT@rows[0].allowances.position');
  });

  it('needs a mã số BHXH for a decrease, and a past to-month for back-dated plans', () => {
    expect(
      codes([tmRow({ plan: 'GH', contract: { number: '', signedOn: '', type: '', from: '', to: '' } })]),
    ).toContain('error:INSURANCE_NO_REQUIRED@rows[0].insuranceNo');
    expect(codes([{ ...exampleRow('AD'), toMonth: '10/2015' }])).toContain('error:BACKDATED_NOT_PAST@rows[0].toMonth');
    expect(codes([{ ...exampleRow('SB'), toMonth: '' }])).toContain('error:REQUIRED@rows[0].toMonth');
  });

  it('flags unknown plans, bad months, bad unit identifiers and duplicates in the draft', () => {
    const v = validateDraft({
      ...baseDraft(PERIOD, [tmRow({ plan: 'XX' }), tmRow(), tmRow({ fromMonth: '13/2015' })]),
      unit: { ...baseDraft().unit, taxCode: '2800123453', code: 'ta1' },
    });
    const c = v.problems.map((p) => `${p.code}@${p.field}`);
    expect(c).toContain('PLAN_UNKNOWN@rows[0].plan');
    expect(c).toContain('MONTH_FORMAT@rows[2].fromMonth');
    expect(c).toContain('DUPLICATE_IN_DRAFT@rows[2].idNumber');
    expect(c).toContain('MST_CHECK_DIGIT@unit.taxCode');
    expect(c).toContain('UNIT_CODE_FORMAT@unit.code');
  });

  it('turns a wrong shape into problems with row and field instead of throwing', () => {
    const v = validateDraft({
      ...baseDraft(PERIOD, [{ ...tmRow(), salary: 'ba triệu', gender: 'X' } as unknown as DraftRowInput]),
    });
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['rows[0].salary', 'rows[0].gender']));
    expect(v.problems.every((p) => p.row === 0 && p.message.startsWith('Dòng 1'))).toBe(true);
  });

  it('flags a retroactive increase so a D01-TS goes with it', () => {
    expect(codes([tmRow({ fromMonth: '08/2015' })])).toContain('warning:RETROACTIVE@rows[0].fromMonth');
  });
});
