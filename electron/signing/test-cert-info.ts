import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from '../core/context';
import { readCertificate } from './certificate';
import {
  PAPER_COPY_NOTICE,
  PAPER_COPY_NOTICE_EN,
  TEST_CERT_KEY,
  TEST_CERT_NOT_AFTER,
  testCertExpired,
} from '../../shared/signing/test-cert';

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

export function testCertSerials(resourcesDir: string): string[] {
  const f = join(resourcesDir, 'test-signing', 'test-cert.pem');
  return existsSync(f) ? [readCertificate(pemToDer(readFileSync(f, 'utf8'))).serial] : [];
}

export function testCertInfo(ctx: ServiceContext) {
  const f = join(ctx.resourcesDir, 'test-signing', 'test-cert.pem');
  const key = join(ctx.resourcesDir, TEST_CERT_KEY);
  const cert = existsSync(f) ? readCertificate(pemToDer(readFileSync(f, 'utf8'))) : null;
  return {
    available: !!cert && existsSync(key),
    subject: cert?.subjectCN ?? '',
    serial: cert?.serial ?? '',
    notAfter: (cert?.notAfter ?? TEST_CERT_NOT_AFTER).toISOString(),
    expired: testCertExpired(ctx.now()),
    notice: PAPER_COPY_NOTICE,
    noticeEn: PAPER_COPY_NOTICE_EN,
  };
}
