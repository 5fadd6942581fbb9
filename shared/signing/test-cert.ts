/**
 * The bundled test certificate ("chữ ký số thử nghiệm"): BHXH let units without a token sign with a shared test
 * certificate until 31/10/2015 23:59:59 Vietnam time; a dossier signed with it needs one paper copy.
 */
export const TEST_CERT_NOT_AFTER = new Date('2015-10-31T16:59:59Z');
export const TEST_CERT_PASSWORD_HINT = 'thunghiem';
/** Encrypted PKCS#8 (PBES2, AES-256-CBC), password TEST_CERT_PASSWORD_HINT; opened with node:crypto. */
export const TEST_CERT_KEY = 'test-signing/test-cert.key.pem';
export const TEST_CERT_PEM = 'test-signing/test-cert.pem';

export const PAPER_COPY_NOTICE =
  'Ký bằng chữ ký số thử nghiệm — phải nộp 01 bộ hồ sơ giấy (kèm thẻ BHYT còn hạn với trường hợp báo giảm)';
export const PAPER_COPY_NOTICE_EN =
  'Signed with the test certificate — one paper copy must be filed (with a valid health-insurance card for reductions)';

export function testCertExpired(now: Date): boolean {
  return now.getTime() > TEST_CERT_NOT_AFTER.getTime();
}
