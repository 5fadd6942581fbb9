import { describe, expect, it } from 'vitest';
import { c12FromRows, c12Statement } from '../../../electron/ivan/simulator/c12';
import { computeContributions } from '../../../shared/contributions/compute';
import { monthlyStatement, type StatementPerson } from '../../../shared/contributions/engine';
import { draftSchema, type DraftRowInput } from '../../../shared/draft/schema';
import { buildForms } from '../../../shared/forms/build';
import { buildEnvelope, envelopeInfoOf } from '../../../shared/forms/envelope';
import { readEnvelope } from '../../../shared/ivan/envelope-read';
import { printHtml, printSections, signingLine, tk1Gaps } from '../../../shared/forms/print-html';
import { baseDraft, tmRow } from './fixtures/make-draft';

/**
 * One month (11/2015, 32,5 %) through the four consumers of the contribution engine: the rows' amounts (the
 * `kekhai contributions` report), the unit's monthly statement before and after, the printed D02-TS total, and the
 * training I-VAN's C12-TS built from the D02-TS XML. They must agree to the đồng.
 */
const PERIOD = '11/2015';
const staffBefore: StatementPerson[] = [
  { insuranceNo: '3815000001', fullName: 'Lê Văn An', salary: 5_000_000 },
  { insuranceNo: '3815000002', fullName: 'Trần Thị Bình', salary: 4_000_000 },
  { insuranceNo: '3815000003', fullName: 'Phạm Văn Cảnh', salary: 4_500_000 },
  { insuranceNo: '3815000004', fullName: 'Đỗ Thị Dung', salary: 3_800_000 },
];
const noContract = { number: '', signedOn: '', type: '' as const, from: '', to: '' };
const rows: DraftRowInput[] = [
  // DC 5.000.000 → 6.300.000: +1.300.000 × 32,5 % = +422.500.
  tmRow({
    plan: 'DC',
    fullName: 'Lê Văn An',
    insuranceNo: '3815000001',
    salary: 6_300_000,
    previousSalary: 5_000_000,
    fromMonth: PERIOD,
    contract: { ...noContract, number: '01/PL', signedOn: '01/11/2015' },
  }),
  // TS: −4.000.000 × 32,5 % = −1.300.000 (BHYT now paid by the BHXH fund).
  tmRow({
    plan: 'TS',
    fullName: 'Trần Thị Bình',
    insuranceNo: '3815000002',
    salary: 4_000_000,
    fromMonth: PERIOD,
    toMonth: '04/2016',
    contract: noContract,
  }),
  // GH: −4.500.000 × 32,5 % = −1.462.500.
  tmRow({
    plan: 'GH',
    fullName: 'Phạm Văn Cảnh',
    insuranceNo: '3815000003',
    salary: 4_500_000,
    fromMonth: PERIOD,
    contract: noContract,
  }),
  // TM: +3.500.000 × 32,5 % = +1.137.500.
  tmRow({ fullName: 'Hồ Thị Em', idNumber: '038190012345', salary: 3_500_000, fromMonth: PERIOD }),
  // TM: 3.333.333 → employer 466.667 + 100.000 + 33.333 + 100.000 + 33.333 = 733.333; employee 266.667 + 50.000 + 33.333 = 350.000.
  tmRow({ fullName: 'Vũ Thị Phương', idNumber: '038190054321', salary: 3_333_333, fromMonth: PERIOD }),
];
// 422.500 − 1.300.000 − 1.462.500 + 1.137.500 + 1.083.333 = −119.167.
const EXPECTED = -119_167;

const draft = draftSchema.parse(baseDraft(PERIOD, rows));

describe('one engine: rows, statement, print and C12-TS agree', () => {
  it('the rows’ amounts (contributions report) sum to the hand-computed change', () => {
    const r = computeContributions(draft);
    expect(r.skipped).toEqual([]);
    expect(r.rows.map((x) => x.total)).toEqual([422_500, -1_300_000, -1_462_500, 1_137_500, 1_083_333]);
    expect(r.totals.total).toBe(EXPECTED);
  });

  it('the statement after the month equals the statement before plus the rows', () => {
    const before = monthlyStatement(staffBefore, PERIOD);
    const after = monthlyStatement(
      [
        { ...staffBefore[0]!, salary: 6_300_000 },
        { ...staffBefore[1]!, absence: 'maternity' },
        staffBefore[3]!,
        { insuranceNo: '', fullName: 'Hồ Thị Em', salary: 3_500_000 },
        { insuranceNo: '', fullName: 'Vũ Thị Phương', salary: 3_333_333 },
      ],
      PERIOD,
    );
    // Before: (5.000.000 + 4.000.000 + 4.500.000 + 3.800.000) × 32,5 % = 17.300.000 × 32,5 % = 5.622.500.
    expect(before.total).toBe(5_622_500);
    expect(after.total - before.total).toBe(EXPECTED);
    const r = computeContributions(draft).totals;
    expect(after.employer - before.employer).toBe(r.employer);
    expect(after.employee - before.employee).toBe(r.employee);
    expect(after.employees).toBe(4);
  });

  it('the printed D02-TS total is the same amount, rates with a decimal comma', () => {
    const html = printHtml(draft);
    const total = /data-testid="print-total">.*?<td class="num">([^<]*)<\/td>/.exec(html)![1]!;
    expect(total).toBe('-119.167');
    // Quỹ lương tăng 1.300.000 (the raise only) + 3.500.000 + 3.333.333 = 8.133.333; giảm 4.000.000 + 4.500.000.
    expect(html).toContain('quỹ lương tăng 8.133.333, giảm 8.500.000');
    expect(html).toContain('<td class="num">32,5</td>');
    expect(html).not.toContain('32.5<');
  });

  it('the training C12-TS computed from the D02-TS XML says the same (DC measured from what BHXH knew)', () => {
    const files = buildForms(draft).map((f) => ({
      code: f.code,
      description: f.description,
      fileName: f.fileName,
      base64: Buffer.from(f.bytes).toString('base64'),
    }));
    const facts = readEnvelope(buildEnvelope(envelopeInfoOf(draft), files));
    const c12 = c12Statement(facts, draft.unit.agencyCode, new Map([['3815000001', 5_000_000]]));
    const b3 = c12.lines.find((l) => l.code === 'B.3')!;
    expect(b3.cong).toBe(EXPECTED);
    // Per column: HT-TT + ÔĐ-TS = 25 %, BHYT 4,5 %, BHTN 2 %, TNLĐ-BNN 1 % (2015) of each row's base.
    const r = computeContributions(draft).totals.byFund;
    expect(b3.bhxh).toBe(r.pension.employer + r.pension.employee + r.sickness.employer + r.sickness.employee);
    expect(b3.bhyt).toBe(r.health.employer + r.health.employee);
    expect(b3.bhtn).toBe(r.unemployment.employer + r.unemployment.employee);
    expect(b3.bhtnld).toBe(r.accident.employer + r.accident.employee);
    expect(c12.lines.find((l) => l.code === 'B.1.1')!.cong).toBe(2);
    expect(c12.lines.find((l) => l.code === 'B.1.2')!.cong).toBe(2);
    // Quỹ lương tăng: 1.300.000 + 3.500.000 + 3.333.333; giảm: 4.000.000 + 4.500.000.
    expect(c12.lines.find((l) => l.code === 'B.2.1')!.cong).toBe(8_133_333);
    expect(c12.lines.find((l) => l.code === 'B.2.2')!.cong).toBe(8_500_000);
    // Without the previous salary the server cannot know the change: the DC row adds nothing (never 6.300.000 × 32,5 %).
    const unknown = c12Statement(facts, draft.unit.agencyCode);
    expect(unknown.lines.find((l) => l.code === 'B.3')!.cong).toBe(EXPECTED - 422_500);
  });
});

describe('training C12-TS: a late row also owes the months up to the period (truy thu)', () => {
  it('TM from 08/2015 in a 10/2015 dossier: B.3 its first month, B.4 September and October', () => {
    const row = {
      plan: 'TM',
      insuranceNo: '',
      idNumber: '038190012345',
      salary: 3_500_000,
      allowances: { position: 0, seniorityExcessPct: 0, seniorityJobPct: 0, salary: 0, other: 0 },
      fromMonth: '08/2015',
      toMonth: '',
      wageRegion: '02',
    };
    const c12 = c12FromRows(
      {
        period: '10/2015',
        unitCode: 'TA0001A',
        rows: [row, { ...row, plan: 'GH', insuranceNo: '3815000003', fromMonth: '10/2015' }],
      },
      '03801',
    );
    // 3.500.000 × 32,5 % = 1.137.500 for 08/2015; the GH removes 1.137.500 in 10/2015.
    expect(c12.lines.find((l) => l.code === 'B.3')!.cong).toBe(0);
    // 09/2015 and 10/2015: 2 × 1.137.500 = 2.275.000.
    expect(c12.lines.find((l) => l.code === 'B.4')).toMatchObject({ cong: 2_275_000, bhyt: 2 * 157_500 });
  });
});

describe('printed forms', () => {
  it('sign with the dossier’s NgayLap and the unit’s province (from its BHXH agency code)', () => {
    expect(signingLine(draft)).toBe('Thanh Hóa, ngày 15 tháng 11 năm 2015');
    expect(printHtml(draft)).toContain('Thanh Hóa, ngày 15 tháng 11 năm 2015');
    // After the 2025 merger the 34-province list applies (38 stays Thanh Hóa; 79 TP Hồ Chí Minh).
    const hcm = draftSchema.parse({ ...baseDraft('08/2025', []), unit: { ...baseDraft().unit, agencyCode: '07906' } });
    expect(signingLine(hcm)).toBe('TP Hồ Chí Minh, ngày 15 tháng 08 năm 2025');
  });

  it('warn (on screen, not on paper) when a TK1-TS entry lacks the address or the KCB', () => {
    expect(tk1Gaps(draft).map((g) => [g.index, g.missing])).toEqual([
      [3, ['address', 'hospital']],
      [4, ['address', 'hospital']],
    ]);
    const html = printHtml(draft);
    expect(html).toContain('data-testid="tk1-gaps"');
    expect(html).toContain('dòng 4 (Hồ Thị Em) thiếu địa chỉ nhận kết quả và nơi KCB ban đầu');
    const complete = draftSchema.parse(
      baseDraft(PERIOD, [
        tmRow({
          residence: { province: '38', district: '', ward: '', address: '12 Lê Lợi' },
          hospital: { province: '38', code: '38001' },
        }),
      ]),
    );
    expect(tk1Gaps(complete)).toEqual([]);
    expect(printHtml(complete)).not.toContain('tk1-gaps');
  });

  it('keep every style rule scoped to the print view', () => {
    const { css } = printSections(draft);
    const selectors = css
      .replace(/@page[^}]*}/g, '')
      .replace(/@media print \{([^{}]*\{[^}]*\})\s*\}/g, '$1')
      .split('}')
      .map((r) => r.split('{')[0]!.trim())
      .filter(Boolean);
    expect(selectors.length).toBeGreaterThan(10);
    for (const sel of selectors) for (const part of sel.split(',')) expect(part.trim()).toMatch(/^\.kk-print\b/);
  });
});
