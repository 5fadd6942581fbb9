/**
 * A garment company's month at scale, through the dispatcher over a real database: 10,000 staff imported as
 * participating since 09/2015, 1,500 hires starting 01/10/2015 (no mã số yet), 800 leavers and 300 raises dated
 * 01/10/2015 — so the proposals for 10/2015 are 1,500 TM + 800 GH + 300 DC = 2,600 D02-TS rows.
 */
import { makeEmployees, type GenEmployee } from '../../fixtures/roster/generate';
import type { TestContext } from '../../support/context';
import { MONTH_UNIT } from '../../support/units';

export const LARGE = { staff: 10_000, hires: 1_500, leavers: 800, raises: 300 } as const;
export const NOW = new Date('2015-10-20T09:00:00+07:00');
export const UNIT = MONTH_UNIT.code;
export const RAISE = 500_000;

const HEADER =
  'Họ và tên,Mã số BHXH,Ngày sinh,Giới tính,Số CCCD,Chức vụ,Tiền lương,Ngày bắt đầu HĐLĐ,Số hợp đồng,Ngày ký hợp đồng';
const csv = (lines: string[]) => ({
  name: 'nhan-su.csv',
  base64: Buffer.from([HEADER, ...lines].join('\n') + '\n', 'utf8').toString('base64'),
});

export interface LargeMonth {
  staff: GenEmployee[];
  hires: GenEmployee[];
}

export async function recordLargeMonth(ctx: TestContext): Promise<LargeMonth> {
  await ctx.value('unit.add', { ...MONTH_UNIT, ivanProvider: '00040', signer: 'Lê Văn Ký', address: 'Hà Nội' });
  const staff = makeEmployees(LARGE.staff, 3);
  const hires = makeEmployees(LARGE.hires, 4);
  const imported = await ctx.value('roster.importCommit', {
    unitCode: UNIT,
    participatingSince: '09/2015',
    file: csv(
      staff.map((e, i) =>
        [
          e.fullName,
          e.insuranceNumber,
          e.birthDate,
          e.gender,
          e.cccd,
          e.jobTitle,
          e.salary,
          '01/03/2013',
          `${i}/HĐLĐ`,
          '01/03/2013',
        ].join(','),
      ),
    ),
  });
  if (imported.imported !== LARGE.staff) throw new Error(`staff import: ${JSON.stringify(imported).slice(0, 500)}`);
  const hired = await ctx.value('roster.importCommit', {
    unitCode: UNIT,
    file: csv(
      hires.map((e, i) =>
        [
          e.fullName,
          '',
          e.birthDate,
          e.gender,
          e.cccd,
          e.jobTitle,
          e.salary,
          '01/10/2015',
          `H${i}/HĐLĐ`,
          '01/10/2015',
        ].join(','),
      ),
    ),
  });
  if (hired.imported !== LARGE.hires) throw new Error(`hires import: ${JSON.stringify(hired).slice(0, 500)}`);
  for (const e of staff.slice(0, LARGE.leavers))
    await ctx.value('employee.event', {
      unitCode: UNIT,
      employee: e.insuranceNumber,
      kind: 'leave',
      effective: '01/10/2015',
    });
  for (const e of staff.slice(LARGE.leavers, LARGE.leavers + LARGE.raises))
    await ctx.value('employee.event', {
      unitCode: UNIT,
      employee: e.insuranceNumber,
      kind: 'salary',
      effective: '01/10/2015',
      salary: e.salary + RAISE,
    });
  return { staff, hires };
}

/** A draft row of a generated person: TM without a mã số yet, GH and DC (raised by RAISE) of the staff. */
function largeDraftRow(e: GenEmployee, plan: 'TM' | 'GH' | 'DC', i: number) {
  return {
    plan,
    fullName: e.fullName,
    insuranceNo: plan === 'TM' ? '' : e.insuranceNumber,
    birthDate: e.birthDate,
    gender: e.gender === 'Nam' ? 'M' : 'F',
    idNumber: e.cccd,
    position: e.jobTitle,
    workplace: 'Hà Nội',
    salary: plan === 'DC' ? e.salary + RAISE : e.salary,
    fromMonth: '10/2015',
    contract: { number: `${i}/HĐLĐ`, signedOn: '01/10/2015', type: 'indefinite', from: '01/10/2015' },
  };
}

/**
 * A month's draft typed straight from generated people (no roster needed): `hires` TM rows (no mã số yet), then
 * `leavers` GH and `raises` DC rows from the staff.
 */
export function largeDraft(counts: { hires: number; leavers: number; raises: number } = LARGE) {
  const staff = makeEmployees(counts.leavers + counts.raises, 3);
  return {
    format: 'kekhai-draft/1',
    procedure: '600',
    period: '10/2015',
    createdOn: '20/10/2015',
    ivan: '00040',
    unit: { ...MONTH_UNIT, phone: '0912345678', signer: 'Lê Văn Ký', address: 'Hà Nội' },
    rows: [
      ...makeEmployees(counts.hires, 4).map((e, i) => largeDraftRow(e, 'TM', i)),
      ...staff.slice(0, counts.leavers).map((e, i) => largeDraftRow(e, 'GH', i)),
      ...staff.slice(counts.leavers).map((e, i) => largeDraftRow(e, 'DC', i)),
    ],
  };
}
