import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCodeCatalog } from '../../../electron/codes/load';
import { participationMonth } from '../../../electron/ledger/participation-cell';
import { installCodeCatalog } from '../../../shared/codes/catalog';
import { BLANK_EMPLOYEE, type EmployeeFields } from '../../../shared/contract/roster';
import { parseInstantVN } from '../../../shared/format';
import { checkEmployee } from '../../../shared/identity/employee-record';

/**
 * Whatever zone the PC or the process is set to, the law's clock is Vietnam's (UTC+7, no daylight saving). Each
 * instant here sits across midnight: UTC and Vietnam disagree on the day, so a reading in UTC or in the process's
 * zone fails. Expected values are computed by hand.
 */
describe('a time written without a zone is Vietnam time (parseInstantVN)', () => {
  it('reads zoneless date-times and dates at +07:00, and keeps an explicit zone', () => {
    const iso = (s: string) => parseInstantVN(s)?.toISOString() ?? null;
    // 31/10/2015 23:59 in Hà Nội is 16:59 UTC — the test certificate's last minute (QĐ 08/2015/QĐ-TTg).
    expect(iso('2015-10-31T23:59')).toBe('2015-10-31T16:59:00.000Z');
    expect(iso('2015-10-31T23:59:59')).toBe('2015-10-31T16:59:59.000Z');
    expect(iso('2015-11-01 00:00')).toBe('2015-10-31T17:00:00.000Z');
    expect(iso('2015-11-01')).toBe('2015-10-31T17:00:00.000Z'); // 00:00 that day in Vietnam
    expect(iso('2024-09-24T14:27:15.250')).toBe('2024-09-24T07:27:15.250Z'); // eBH's SigningTime shape
    expect(iso('2015-10-31T16:59:59Z')).toBe('2015-10-31T16:59:59.000Z');
    expect(iso('2015-10-31T23:59:59+07:00')).toBe('2015-10-31T16:59:59.000Z');
    expect(iso('2015-10-31T08:59:59-0800')).toBe('2015-10-31T16:59:59.000Z');
    expect(iso('Oct 31 2015')).toBeNull(); // a format the process's locale would decide
    expect(iso('31/10/2015')).toBeNull();
    expect(iso('')).toBeNull();
  });
});

describe('employee checks judge "today" in Vietnam', () => {
  beforeAll(() => installCodeCatalog(loadCodeCatalog(join(process.cwd(), 'resources', 'codes'))));
  afterAll(() => installCodeCatalog(null));
  const base: EmployeeFields = {
    ...BLANK_EMPLOYEE,
    fullName: 'Nguyễn Văn An',
    birthDate: '01/01/1990',
    ethnicity: '01',
  };
  const codes = (over: Partial<EmployeeFields>, at: string) =>
    checkEmployee({ ...base, ...over }, new Date(at)).problems.map((p) => `${p.code}@${p.field}`);

  it('the birth year may be this year in Vietnam: 01/01/2027 00:30 there is 31/12/2026 17:30 UTC', () => {
    expect(codes({ birthDate: '2027' }, '2026-12-31T17:30:00Z')).toEqual([]);
    expect(codes({ birthDate: '01/01/2027' }, '2026-12-31T17:30:00Z')).toEqual([]);
    expect(codes({ birthDate: '2028' }, '2026-12-31T17:30:00Z')).toEqual(['DATE_RANGE@birthDate']);
    // 31/12/2026 23:30 in Vietnam: 2027 is still next year.
    expect(codes({ birthDate: '2027' }, '2026-12-31T16:30:00Z')).toEqual(['DATE_RANGE@birthDate']);
  });

  it('the KCB list in force from 01/07/2025 applies from 00:00 that day in Vietnam (30/06 17:00 UTC)', () => {
    // 38999 is in no hospital list; before the first list (resources/codes/hospitals/2025-07-01.csv) nothing checks it.
    expect(codes({ hospitalCode: '38999' }, '2025-06-30T16:59:59Z')).toEqual([]);
    expect(codes({ hospitalCode: '38999' }, '2025-06-30T17:30:00Z')).toEqual(['HOSPITAL_UNKNOWN@hospitalCode']);
    expect(codes({ hospitalCode: '38280' }, '2025-06-30T17:30:00Z')).toEqual([]);
  });

  it('a participation month is "in the future" only after this month in Vietnam', () => {
    // 01/11/2026 00:30 in Vietnam: 11/2026 is this month, 12/2026 the future.
    const at = new Date('2026-10-31T17:30:00Z');
    expect(participationMonth('11/2026', at)).toEqual({ month: '2026-11' });
    expect(participationMonth('12/2026', at)).toMatchObject({
      error: { en: 'month 12/2026 is in the future (after 11/2026)' },
    });
  });
});
