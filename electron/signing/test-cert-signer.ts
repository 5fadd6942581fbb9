/**
 * The bundled test certificate: an encrypted PKCS#8 key (password printed in the README because BHXH gave it to every
 * unit) beside its certificate PEM, both opened with node:crypto.
 * Valid until 31/10/2015 23:59:59 Vietnam time; after that instant signing is refused and the clerk is sent to a token.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey, sign as rsaSign, X509Certificate, type KeyObject } from 'node:crypto';
import { AppError } from '../core/app-error';
import { resourcesDir } from '../core/paths';
import { TEST_CERT_KEY, TEST_CERT_NOT_AFTER, TEST_CERT_PEM, testCertExpired } from '../../shared/signing/test-cert';
import { assertCanSign, readCertificate } from './certificate';
import type { OpenSignerOptions, Signer, SignerSpec } from './signer';

export function testCertPaths(opts: OpenSignerOptions = {}): { key: string; cert: string } {
  const dir = opts.resourcesDir ?? resourcesDir();
  return { key: join(dir, TEST_CERT_KEY), cert: join(dir, TEST_CERT_PEM) };
}

export async function openTestCertSigner(
  spec: Extract<SignerSpec, { kind: 'test-cert' }>,
  now: Date,
  opts: OpenSignerOptions,
): Promise<Signer> {
  if (testCertExpired(now)) {
    throw new AppError(
      'TEST_CERT_EXPIRED',
      'Chữ ký số thử nghiệm chỉ được dùng đến 23:59:59 ngày 31/10/2015 (giờ Việt Nam). Từ nay hãy ký bằng USB token chữ ký số của đơn vị (mục "Kiểm tra chữ ký số").',
      {
        en: 'The test certificate could be used only until 31/10/2015 23:59:59 Vietnam time. Sign with the unit’s USB token instead ("Signing check").',
        details: { notAfter: TEST_CERT_NOT_AFTER.toISOString(), now: now.toISOString() },
      },
    );
  }
  const bundled = testCertPaths(opts);
  const paths = { key: spec.keyPath ?? bundled.key, cert: spec.certPath ?? bundled.cert };
  const missing = [paths.key, paths.cert].find((p) => !existsSync(p));
  if (missing) {
    throw new AppError('TEST_CERT_MISSING', `Không tìm thấy tệp chứng thư thử nghiệm ${missing}`, {
      en: `Test certificate file ${missing} not found`,
    });
  }
  const certDer = Buffer.from(new X509Certificate(readFileSync(paths.cert)).raw);
  let key: KeyObject | null;
  try {
    key = createPrivateKey({ key: readFileSync(paths.key), format: 'pem', passphrase: spec.password });
  } catch (e) {
    throw new AppError('TEST_CERT_PASSWORD', 'Mật khẩu chứng thư số thử nghiệm không đúng (hoặc tệp khóa hỏng).', {
      en: 'Wrong test-certificate password (or a damaged key file).',
      cause: e,
    });
  }
  const cert = readCertificate(certDer);
  assertCanSign(cert, now);
  return {
    kind: 'test-cert',
    certificateDer: certDer,
    cert,
    warnings: [],
    async sign(data: Buffer) {
      if (!key) throw new AppError('SIGNER_CLOSED', 'Phiên ký đã đóng', { en: 'The signer is closed' });
      return rsaSign('sha256', data, key);
    },
    async close() {
      key = null;
    },
  };
}
