export type { IdentityCheck } from './result';
export { validateMst, mstCheckDigit } from './mst';
export { validateCccd, validateCmnd, parseCccd, type CccdContext, type CccdParts } from './cccd';
export { validateInsuranceNumber } from './insurance-number';
export { validateUnitCode, validateAgencyCode, validateWageRegion, UNIT_CODE_RE, AGENCY_CODE_RE } from './unit-code';
export { parseBirthDate, parseFullDate, type BirthDate } from './birth-date';
export { checkEmployee, type EmployeeProblem } from './employee-record';
export { checkUnit, type UnitProblem } from './unit-record';
export { EMPLOYEE_FIELD_LABELS, EMPLOYEE_STATUS_LABELS } from './employee-labels';
