#!/usr/bin/env node
/**
 * Generates the bundled test-signing material ONCE; the outputs are committed under resources/test-signing/:
 *   test-ca.pem      the test CA certificate (its key is discarded: nothing else is ever issued)
 *   test-cert.key.pem the test signing key, encrypted PKCS#8 (PBES2 AES-256-CBC), password `thunghiem`
 *   test-cert.pem    the test signing certificate
 * The app opens both with node:crypto; node-forge (a devDependency) is used here only to issue the certificates.
 * The signing certificate is valid until 31/10/2015 23:59:59 Vietnam time (2015-10-31T16:59:59Z), the last instant
 * BHXH accepted the shared test certificate. Run: node scripts/make-test-signing.mjs [--force]
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import forge from 'node-forge';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'test-signing');
if (existsSync(join(out, 'test-cert.key.pem')) && !process.argv.includes('--force')) {
  console.error(`${out}/test-cert.key.pem exists; pass --force to regenerate (this changes the committed files).`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 }); // native: forge's JS keygen is slow
  return {
    native: privateKey,
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' })),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' })),
  };
}

const ca = keyPair();
const caCert = forge.pki.createCertificate();
caCert.serialNumber = '01';
caCert.publicKey = ca.publicKey;
caCert.validity.notBefore = new Date('2013-01-01T00:00:00+07:00');
caCert.validity.notAfter = new Date('2035-12-31T23:59:59+07:00');
const caName = [
  { shortName: 'C', value: 'VN' },
  { shortName: 'O', value: 'KeKhai BHXH (thu nghiem)' },
  { shortName: 'CN', value: 'KeKhai BHXH Test Signing CA' },
];
caCert.setSubject(caName);
caCert.setIssuer(caName);
caCert.setExtensions([
  { name: 'basicConstraints', cA: true, critical: true },
  { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  { name: 'subjectKeyIdentifier' },
]);
caCert.sign(ca.privateKey, forge.md.sha256.create());

const leaf = keyPair();
const cert = forge.pki.createCertificate();
cert.serialNumber = '2015103101';
cert.publicKey = leaf.publicKey;
cert.validity.notBefore = new Date('2013-11-01T00:00:00+07:00');
cert.validity.notAfter = new Date('2015-10-31T23:59:59+07:00'); // = 2015-10-31T16:59:59Z
cert.setSubject([
  { shortName: 'C', value: 'VN' },
  { shortName: 'O', value: 'KeKhai BHXH (thu nghiem)' },
  { shortName: 'CN', value: 'CHU KY SO THU NGHIEM BHXH' },
]);
cert.setIssuer(caCert.subject.attributes);
cert.setExtensions([
  { name: 'basicConstraints', cA: false, critical: true },
  { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
  { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
]);
cert.sign(ca.privateKey, forge.md.sha256.create());

writeFileSync(
  join(out, 'test-cert.key.pem'),
  leaf.native.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'thunghiem' }),
);
writeFileSync(join(out, 'test-cert.pem'), forge.pki.certificateToPem(cert));
writeFileSync(join(out, 'test-ca.pem'), forge.pki.certificateToPem(caCert));
console.log(`wrote ${out}/test-ca.pem, test-cert.key.pem, test-cert.pem`);
