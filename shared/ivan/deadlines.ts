import { isoDayVN, vietnamParts } from '../format';

/**
 * The 2015 switch to electronic dossiers (QĐ 08/2015/QĐ-TTg; test certificate validity in the product brief):
 * units register an I-VAN by 31/10/2015; from 01/11/2015 paper dossiers are not accepted, and the bundled test
 * certificate stops being accepted after 31/10/2015 23:59:59 Vietnam time (UTC+7).
 */
export const PAPER_NOT_ACCEPTED_FROM = '2015-11-01';
/** Last instant a test-certificate signature is accepted: 31/10/2015 23:59:59 +07:00. */
export const TEST_CERT_CUTOFF_UTC = Date.UTC(2015, 9, 31, 16, 59, 59);

export type RegistrationPhase = 'before-deadline' | 'paper-closed';

export function registrationPhase(now: Date): RegistrationPhase {
  const vnDay = isoDayVN(now);
  return vnDay < PAPER_NOT_ACCEPTED_FROM ? 'before-deadline' : 'paper-closed';
}

/** Whole days left until the deadline (0 on the day), or null once passed. */
export function daysToDeadline(now: Date): number | null {
  const vn = vietnamParts(now);
  const today = Date.UTC(vn.year, vn.month - 1, vn.day);
  const deadline = Date.UTC(2015, 9, 31);
  const d = Math.round((deadline - today) / 86_400_000);
  return d >= 0 ? d : null;
}
