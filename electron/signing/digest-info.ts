/** DER DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1): what CKM_RSA_PKCS must wrap around the hash. */
import { createHash } from 'node:crypto';

export const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export function sha256DigestInfo(data: Buffer): Buffer {
  return Buffer.concat([SHA256_DIGEST_INFO_PREFIX, createHash('sha256').update(data).digest()]);
}
