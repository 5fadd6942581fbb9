import type { EnvelopeFacts } from '../../../shared/ivan/envelope-read';
import type { RemoteReason } from '../../../shared/ivan/profile';
import { TEST_CERT_CUTOFF_UTC } from '../../../shared/ivan/deadlines';
import { validateAgainstXsd } from './xsd';
import { testCertificateSerials, verifySignatures } from './signature-check';
import { intactAsTheIvanJudges } from '../intact-check';
import { createHash } from 'node:crypto';

/**
 * What the local I-VAN checks on a received dossier before its result (the gateway's rules as far as they are
 * public — domain reference §1.1/§1.6): every signature (envelope and each form) valid, every XML valid against
 * our XSDs, and the 2015 test certificate only for signatures made up to 31/10/2015 23:59:59 Vietnam time,
 * which then need a paper copy ("phải nộp 01 bộ hồ sơ giấy").
 */
export interface Findings {
  reasons: RemoteReason[];
  paperCopyRequired: boolean;
}

export interface DossierChecker {
  /** `receivedAt`: the receipt time, at which certificate dates are judged unless the file signs its SigningTime. */
  check(xml: string, facts: EnvelopeFacts, receivedAt?: Date): Promise<Findings>;
}

export function createChecker(opts: { resourcesDir: string; testSerials?: string[] }): DossierChecker {
  const testSerials = opts.testSerials ?? testCertificateSerials(opts.resourcesDir);
  return {
    async check(xml, facts, receivedAt) {
      const reasons: RemoteReason[] = [];
      let paper = false;

      const sig = verifySignatures(xml, testSerials, receivedAt);
      if (!sig.ok) reasons.push({ code: 'BAD_XML', message: `BHXHDienTu.xml: ${sig.message}` });
      else {
        for (const [i, f] of sig.files.entries()) {
          const valid = intactAsTheIvanJudges(f, facts.kind, i);
          const isTest = f.paperCopyRequired === true;
          // The deadline is one of receipt: the test certificate's key is public (its password ships with the
          // software), so a SigningTime it signs proves nothing. Without a receipt time, the verifier's judged time.
          const t = receivedAt ? receivedAt.getTime() : f.judgedAt ? Date.parse(f.judgedAt) : NaN;
          if (isTest && (!Number.isFinite(t) || t > TEST_CERT_CUTOFF_UTC)) {
            reasons.push({
              code: 'TEST_CERT_AFTER_DEADLINE',
              message: `${f.name}: chứng thư số thử nghiệm không được chấp nhận sau 31/10/2015 23:59:59 (giờ Việt Nam)`,
            });
            continue;
          }
          if (!valid)
            reasons.push({
              code: f.signer === null && !f.digestValid && !f.signatureValid ? 'UNSIGNED' : 'BAD_SIGNATURE',
              message: `${f.name}: ${f.reason}`,
            });
          else if (isTest) paper = true;
        }
      }

      reasons.push(
        ...(await validateAgainstXsd(
          opts.resourcesDir,
          'BHXHDienTu.xml',
          xml,
          facts.kind === 'registration' ? 'registration' : 'Hoso',
        )),
      );
      for (const f of facts.forms) {
        if (f.code === 'CT-DK' || !/\.xml$/i.test(f.fileName)) continue; // attachments (pdf…) have no schema
        const inner = Buffer.from(f.base64, 'base64').toString('utf8'); // strictly read (and UTF-8 checked) by the verifier above
        reasons.push(...(await validateAgainstXsd(opts.resourcesDir, f.fileName, inner, f.code)));
      }
      if (facts.kind === 'dossier' && !facts.agencyCode)
        reasons.push({ code: 'NO_AGENCY', message: 'Thiếu mã cơ quan BHXH quản lý (ThongTinDonVi/CoQuanQuanLy)' });
      return { reasons, paperCopyRequired: paper && reasons.length === 0 };
    },
  };
}

export const sha256Hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
