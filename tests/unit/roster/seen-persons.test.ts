import { describe, expect, it } from 'vitest';
import { BLANK_EMPLOYEE, type EmployeeFields } from '../../../shared/contract/roster';
import { SeenIdentifiers, SeenPersons } from '../../../electron/roster/seen-persons';

function person(over: Partial<EmployeeFields>): EmployeeFields {
  return { ...BLANK_EMPLOYEE, fullName: 'Nguyễn Văn An', birthDate: '01/03/1990', gender: 'M', ...over };
}

describe('SeenPersons: the same person twice in one file', () => {
  it('finds the earlier row of the same name (any letter case), birth date and gender', () => {
    const seen = new SeenPersons();
    expect(seen.note(person({}), 5)).toBeUndefined();
    expect(seen.note(person({ fullName: 'NGUYỄN VĂN AN' }), 9)).toBe(5);
  });

  it('tells apart another birth date, gender or name — and a name that differs only by its marks', () => {
    const seen = new SeenPersons();
    seen.note(person({}), 5);
    expect(seen.note(person({ birthDate: '02/03/1990' }), 6)).toBeUndefined();
    expect(seen.note(person({ gender: 'F' }), 7)).toBeUndefined();
    expect(seen.note(person({ fullName: 'Nguyễn Văn Ân' }), 8)).toBeUndefined();
    expect(seen.note(person({ fullName: 'Nguyễn Văn' }), 9)).toBeUndefined();
  });

  it('two different mã số (or CCCD) are two people; one missing on either side may be the same one', () => {
    const seen = new SeenPersons();
    seen.note(person({ insuranceNumber: '0123456789' }), 5);
    expect(seen.note(person({ insuranceNumber: '0123456780' }), 6)).toBeUndefined();
    // The row without a mã số may be either of the two: the first one found is named.
    expect(seen.note(person({ cccd: '001090000123' }), 7)).toBe(5);
    expect(seen.note(person({ insuranceNumber: '0123456780', cccd: '001090000999' }), 8)).toBe(6);
  });

  it('50,000 different people: none taken for another, and each one found again by its own row', () => {
    const seen = new SeenPersons();
    const at = (i: number) =>
      person({
        fullName: `Người số ${i}`,
        birthDate: `${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/19${60 + (i % 40)}`,
      });
    for (let i = 0; i < 50_000; i++) expect(seen.note(at(i), i + 2)).toBeUndefined();
    for (let i = 0; i < 50_000; i += 997) expect(seen.note(at(i), 100_000 + i)).toBe(i + 2);
  });
});

describe('SeenPersons: rows with both identifiers', () => {
  // Rows sharing a mã số or CCCD never reach SeenPersons (the import's duplicate maps refuse them first), so a row
  // with both identifiers can be the same person only as a row with none.
  it('a row with both identifiers and a later row with none are one person; one with another mã số is not', () => {
    const seen = new SeenPersons();
    expect(seen.note(person({ insuranceNumber: '0123456789', cccd: '001090000123' }), 5)).toBeUndefined();
    expect(seen.note(person({ insuranceNumber: '0123456780' }), 6)).toBeUndefined();
    expect(seen.note(person({}), 7)).toBe(5);
  });

  it('several rows with both identifiers: a later row with none names the latest of them', () => {
    const seen = new SeenPersons();
    seen.note(person({ insuranceNumber: '0123456789', cccd: '001090000123' }), 5);
    seen.note(person({ insuranceNumber: '0123456780', cccd: '001090000124' }), 6);
    expect(seen.note(person({}), 7)).toBe(6);
  });

  it('a row with none, then a row with both: the second names the first', () => {
    const seen = new SeenPersons();
    expect(seen.note(person({}), 5)).toBeUndefined();
    expect(seen.note(person({ insuranceNumber: '0123456789', cccd: '001090000123' }), 6)).toBe(5);
  });
});

describe('SeenIdentifiers: the first row that gave a mã số or CCCD', () => {
  it('names the first row for a repeated identifier, and remembers only that one', () => {
    const seen = new SeenIdentifiers();
    expect(seen.first('0123456789', 4)).toBeUndefined();
    expect(seen.first('0123456789', 9)).toBe(4);
    expect(seen.first('0123456789', 12)).toBe(4);
  });

  it('keeps apart identifiers that differ only by leading zeros, and any text that is not digits', () => {
    const seen = new SeenIdentifiers();
    expect(seen.first('0123456789', 2)).toBeUndefined();
    expect(seen.first('123456789', 3)).toBeUndefined();
    expect(seen.first('00123456789', 4)).toBeUndefined();
    expect(seen.first('001090000123', 5)).toBeUndefined();
    expect(seen.first('01090000123', 6)).toBeUndefined();
    // Not digits, or longer than a number holds exactly: compared as text.
    expect(seen.first('01234567AB', 7)).toBeUndefined();
    expect(seen.first('01234567AB', 8)).toBe(7);
    expect(seen.first('12345678901234567890', 9)).toBeUndefined();
    expect(seen.first('12345678901234567891', 10)).toBeUndefined();
    expect(seen.first('12345678901234567890', 11)).toBe(9);
    expect(seen.first('123456789', 12)).toBe(3);
  });

  it('confuses none of 50,000 CCCD and finds each again', () => {
    const seen = new SeenIdentifiers();
    const id = (i: number) => String(1_090_000_000 + i * 7919).padStart(12, '0');
    for (let i = 0; i < 50_000; i++) expect(seen.first(id(i), i + 2)).toBeUndefined();
    for (let i = 0; i < 50_000; i += 997) expect(seen.first(id(i), 100_000)).toBe(i + 2);
  });
});
