import { describe, expect, it } from 'vitest';
import { proposeFor, proposeRows, rowKey, type PersonEvent, type PersonFacts } from '../../../shared/ledger/propose';

const ev = (kind: PersonEvent['kind'], date: string, more: Partial<PersonEvent> = {}): PersonEvent => ({
  kind,
  date,
  end: null,
  salary: null,
  previousSalary: null,
  origin: 'event',
  ...more,
});

function person(events: PersonEvent[], more: Partial<PersonFacts> = {}): PersonFacts {
  return {
    employeeId: 1,
    fullName: 'Nguyễn Văn A',
    insuranceNo: '0301000001',
    idNumber: '001080000001',
    salary: 5_000_000,
    knownFrom: '2015-01',
    knownTo: null,
    knownBy: 'statement',
    events,
    template: { fullName: 'Nguyễn Văn A' },
    ...more,
  };
}

const brief = (r: ReturnType<typeof proposeFor>) =>
  r.proposals.map((p) => `${p.plan}${p.loai} ${p.fromMonth}${p.toMonth ? `-${p.toMonth}` : ''}`);

describe('proposals by the rules (26-day calendar unless said)', () => {
  it('a staff member known to BHXH gets no TM, whatever the contract start', () => {
    expect(brief(proposeFor(person([ev('hire', '2013-03-01', { origin: 'contract' })]), '2015-10', '26'))).toEqual([]);
  });

  it('a leave on the 21st keeps the month paid: GH from the next month, proposed in that month', () => {
    // Gone from 21/11/2015: 21, 23–28, 30 = 8 days < 14.
    const p = person([ev('leave', '2015-11-21')]);
    expect(brief(proposeFor(p, '2015-11', '26'))).toEqual([]);
    expect(brief(proposeFor(p, '2015-12', '26'))).toEqual(['GH3 12/2015']);
  });

  it('a sick leave under 14 working days changes nothing; a long one is OF, and ON after it', () => {
    expect(brief(proposeFor(person([ev('sick', '2015-11-02', { end: '2015-11-12' })]), '2015-11', '26'))).toEqual([]);
    // Unpaid leave 02/11–31/12/2015: KL 11/2015–12/2015, back at work (ON) from 01/2016.
    const kl = person([ev('unpaid', '2015-11-02', { end: '2015-12-31' })]);
    expect(brief(proposeFor(kl, '2016-01', '26'))).toEqual(['KL3 11/2015-12/2015', 'ON1 01/2016']);
    // The same absence closed by a "return" event instead of an end date.
    const back = person([ev('unpaid', '2015-11-02'), ev('return', '2016-01-01')]);
    expect(brief(proposeFor(back, '2016-01', '26'))).toEqual(['KL3 11/2015-12/2015', 'ON1 01/2016']);
  });

  it('a salary cut is DC with Loai 4, measured from the salary before', () => {
    const p = proposeFor(
      person([ev('salary', '2015-10-01', { salary: 4_500_000, previousSalary: 5_000_000 })]),
      '2015-10',
      '26',
    );
    expect(p.proposals[0]).toMatchObject({
      plan: 'DC',
      loai: 4,
      salary: 4_500_000,
      previousSalary: 5_000_000,
      fromMonth: '10/2015',
    });
    expect(p.proposals[0]!.reason).toContain('xuống');
    expect(p.proposals[0]!.reasonEn).toBe('Salary cut from 5.000.000 đ to 4.500.000 đ, effective 01/10/2015.');
  });

  it('the unit calendar decides the start month: 26-day (Monday–Saturday) or 22-day (Monday–Friday)', () => {
    // Start 16/11/2015 (Monday): 12 days before on 26 days, 10 on 22 days — this month either way.
    const hire = person([ev('hire', '2015-11-16')], { knownFrom: null, knownBy: null, insuranceNo: '' });
    expect(brief(proposeFor(hire, '2015-11', '26'))).toEqual(['TM1 11/2015']);
    expect(brief(proposeFor(hire, '2015-11', '22'))).toEqual(['TM1 11/2015']);
    // Start 19/11/2015 (Thursday): 15 Monday–Saturday days before (≥ 14: next month), 13 Monday–Friday days (this month).
    const late = person([ev('hire', '2015-11-19')], { knownFrom: null, knownBy: null, insuranceNo: '' });
    expect(brief(proposeFor(late, '2015-11', '26'))).toEqual([]);
    expect(brief(proposeFor(late, '2015-12', '26'))).toEqual(['TM1 12/2015']);
    expect(brief(proposeFor(late, '2015-11', '22'))).toEqual(['TM1 11/2015']);
  });

  it('a hire declared late is one truy thu row from its own month, with its D01-TS document', () => {
    const p = proposeFor(
      person([ev('hire', '2015-08-03', { origin: 'contract' })], {
        knownFrom: null,
        knownBy: null,
        insuranceNo: '',
        template: { contract: { number: '7/HĐLĐ', signedOn: '01/08/2015' } },
      }),
      '2015-10',
      '26',
    );
    expect(p.proposals).toHaveLength(1);
    expect(p.proposals[0]).toMatchObject({ plan: 'TM', fromMonth: '08/2015', late: true });
    expect(p.proposals[0]!.row.documents).toEqual([
      expect.objectContaining({ type: 'Hợp đồng lao động', number: '7/HĐLĐ', issuedOn: '01/08/2015' }),
    ]);
  });

  it('someone with events but no start date nor statement is skipped with a reason', () => {
    const r = proposeFor(person([ev('leave', '2015-10-05')], { knownFrom: null, knownBy: null }), '2015-10', '26');
    expect(r.proposals).toEqual([]);
    expect(r.skipped[0]!.reason).toContain('Chưa biết ngày bắt đầu');
  });

  it('rows already filed (same person, plan and from-month) are not proposed again', () => {
    const p = person([ev('leave', '2015-10-05')]);
    expect(proposeRows([p], '2015-10', '26', new Set()).proposals).toHaveLength(1);
    expect(proposeRows([p], '2015-10', '26', new Set([rowKey('0301000001', 'GH', '10/2015')])).proposals).toHaveLength(
      0,
    );
  });
});

describe('a start long before the period with nothing known', () => {
  it('is still a truy thu TM, and the reason says how to record staff BHXH already knows', () => {
    const p = proposeFor(
      person([ev('hire', '2013-03-01', { origin: 'contract' })], { knownFrom: null, knownBy: null }),
      '2015-10',
      '26',
    );
    expect(p.proposals[0]).toMatchObject({ plan: 'TM', fromMonth: '03/2013', late: true });
    expect(p.proposals[0]!.reason).toContain('Đã tham gia BHXH từ tháng');
  });
});

describe('a late hire whose salary changed during the back months', () => {
  it('is one line per salary period: TM at the starting salary, then DC from the change (no double count)', () => {
    const p = proposeFor(
      person([ev('hire', '2015-08-03'), ev('salary', '2015-08-17', { salary: 4_500_000, previousSalary: 4_000_000 })], {
        knownFrom: null,
        knownBy: null,
        insuranceNo: '',
        salary: 4_500_000,
      }),
      '2015-10',
      '26',
    );
    expect(p.proposals.map((x) => `${x.plan} ${x.fromMonth} ${x.salary} ${x.previousSalary}`)).toEqual([
      'TM 08/2015 4000000 null',
      'DC 08/2015 4500000 4000000',
    ]);
    expect(p.proposals.every((x) => x.late)).toBe(true);
  });
});
