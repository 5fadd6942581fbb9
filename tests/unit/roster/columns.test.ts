import { describe, expect, it } from 'vitest';
import { BLANK_EMPLOYEE, type EmployeeFields } from '../../../shared/contract/roster';
import { FIELDS, pushParams, toParams } from '../../../electron/roster/columns';

/** Every field a different value, so a field out of its place shows. */
function distinct(): EmployeeFields {
  const e: Record<string, unknown> = {};
  FIELDS.forEach((f, i) => {
    e[f] = typeof BLANK_EMPLOYEE[f] === 'number' || f === 'salary' ? 1000 + i : `${f}-${i}`;
  });
  return e as unknown as EmployeeFields;
}

describe('the employee row as SQLite parameters', () => {
  it('pushParams appends exactly what toParams gives, field by field, in the columns’ order', () => {
    const samples: EmployeeFields[] = [
      { ...BLANK_EMPLOYEE },
      distinct(),
      { ...distinct(), insuranceNumber: '', cccd: '', salary: null, allowanceOther: 0, ethnicity: '' },
    ];
    for (const e of samples) {
      const out: (string | number | null)[] = ['before'];
      pushParams(out, e);
      expect(out).toEqual(['before', ...toParams(e)]);
      expect(out).toHaveLength(1 + FIELDS.length);
    }
  });

  it('stores an empty identifier or code as NULL (the partial unique indexes skip it), a zero as 0', () => {
    const out: (string | number | null)[] = [];
    pushParams(out, { ...BLANK_EMPLOYEE, fullName: 'An', allowancePosition: 0 });
    expect(out[FIELDS.indexOf('insuranceNumber')]).toBeNull();
    expect(out[FIELDS.indexOf('cccd')]).toBeNull();
    expect(out[FIELDS.indexOf('fullName')]).toBe('An');
    expect(out[FIELDS.indexOf('allowancePosition')]).toBe(0);
  });
});
