import { checkCertificateAt, type CertInfo } from './certificate';
import { formatDateVN } from '../../shared/format';

/** "Chứng thư số hết hạn sau N ngày" once 30, 15 and 7 days remain (issue 5 §2). */
export function expiryWarningText(info: CertInfo, now: Date): string[] {
  const c = checkCertificateAt(info, now);
  if (c.validity !== 'valid' || c.expiryWarningDays === null) return [];
  return [
    `Chứng thư số "${info.subjectCN}" sẽ hết hạn sau ${c.daysLeft} ngày (ngày ${formatDateVN(info.notAfter)}). Hãy gia hạn sớm với nhà cung cấp.`,
  ];
}
