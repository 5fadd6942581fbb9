/**
 * The bundled test certificate (PKCS#12, password printed in the README because BHXH gave it to every unit).
 * Valid until 31/10/2015 23:59:59 Vietnam time; after that instant signing is refused and the clerk is sent to a token.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey, sign as rsaSign } from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '../core/app-error';
import { resourcesDir } from '../core/paths';
import { TEST_CERT_NOT_AFTER, TEST_CERT_P12, testCertExpired } from '../../shared/signing/test-cert';
import { assertCanSign, readCertificate } from './certificate';
import type { OpenSignerOptions, Signer, SignerSpec } from './signer';

export function testCertPath(opts: OpenSignerOptions = {}): string {
  return join(opts.resourcesDir ?? resourcesDir(), TEST_CERT_P12);
}

export async function openTestCertSigner(spec: Extract<SignerSpec, { kind: 'test-cert' }>, now: Date, opts: OpenSignerOptions): Promise<Signer> {
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
  const path = spec.p12Path ?? testCertPath(opts);
  if (!existsSync(path)) {
    throw new AppError('TEST_CERT_MISSING', `Không tìm thấy tệp chứng thư thử nghiệm ${path}`, { en: `Test certificate file ${path} not found` });
  }
  let keyPem: string;
  let certDer: Buffer;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(readFileSync(path).toString('binary')));
    const p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, spec.password);
    const keyBag = (p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? [])[0];
    const certBag = (p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [])[0];
    if (!keyBag?.key || !certBag?.cert) throw new Error('no key/cert');
    keyPem = forge.pki.privateKeyToPem(keyBag.key);
    certDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certBag.cert)).getBytes(), 'binary');
  } catch (e) {
    throw new AppError('TEST_CERT_PASSWORD', 'Mật khẩu chứng thư số thử nghiệm không đúng (hoặc tệp .p12 hỏng).', {
      en: 'Wrong test-certificate password (or a damaged .p12 file).',
      cause: e,
    });
  }
  const cert = readCertificate(certDer);
  assertCanSign(cert, now);
  let key: ReturnType<typeof createPrivateKey> | null = createPrivateKey(keyPem);
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
