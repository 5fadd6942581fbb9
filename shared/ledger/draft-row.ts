import type { EmployeeRecord, UnitRecord } from '../contract/roster';
import type { Draft } from '../draft/schema';

/**
 * One kekhai-draft/1 row from a roster employee, every field copied: identity, TK1-TS data (birth place, residence,
 * hospital, phone, e-mail), job, contract, salary and allowances. Used by the proposals and by the draft editor's
 * roster picker, so both copy the same fields. The caller sets plan and months.
 */
export function draftRowFromEmployee(e: EmployeeRecord, plan = 'TM', fromMonth = ''): Record<string, unknown> {
  return {
    plan,
    fullName: e.fullName,
    insuranceNo: e.insuranceNumber,
    birthDate: e.birthDate,
    gender: e.gender,
    idNumber: e.cccd || e.cmnd,
    nationality: e.nationality || 'VN',
    ethnicity: e.ethnicity || '01',
    position: e.jobTitle,
    workplace: e.workplace,
    salary: e.salary ?? 0,
    allowances: {
      position: e.allowancePosition,
      seniorityExcessPct: e.allowanceSeniorityExcess,
      seniorityJobPct: e.allowanceSeniorityJob,
      salary: e.allowanceSalary,
      other: e.allowanceOther,
    },
    fromMonth,
    toMonth: '',
    wageRegion: e.wageRegion,
    contract: {
      number: e.contractNumber,
      signedOn: e.contractSigned,
      type: contractType(e.contractType),
      from: e.contractStart,
      to: e.contractEnd,
    },
    note: '',
    department: e.department,
    phone: e.phone,
    email: e.email,
    birthPlace: { province: e.birthProvince, district: e.birthDistrict, ward: e.birthWard, address: '' },
    residence: { province: '', district: '', ward: '', address: e.address },
    hospital: { province: '', code: e.hospitalCode },
  };
}

/** The roster's free-text contract type → the draft's enum. */
export function contractType(t: string): 'indefinite' | 'fixed' | 'other' | '' {
  const s = t.toLowerCase();
  if (!s) return '';
  if (/indefinite|không xác định|khong xac dinh|kxđ/.test(s)) return 'indefinite';
  if (/fixed|xác định|xac dinh/.test(s)) return 'fixed';
  return 'other';
}

/** A draft's unit header (kekhai-draft/1 `unit`) from the roster's unit: the proposals and the VNPT sheet import. */
export function draftUnitFromRecord(u: UnitRecord): Draft['unit'] {
  return {
    code: u.code,
    name: u.name,
    taxCode: u.taxCode,
    agencyCode: u.agencyCode,
    phone: u.phone ?? '',
    signer: u.signer ?? '',
    address: u.address ?? '',
    wageRegion: u.wageRegion,
    email: u.email ?? '',
  };
}
