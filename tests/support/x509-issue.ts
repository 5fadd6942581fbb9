/**
 * Issues test X.509 certificates with @peculiar/asn1-x509 (the schema the app reads certificates with) and node:crypto
 * signatures: enough for a CA and token certificates (basicConstraints, keyUsage, key identifiers).
 */
import { createHash, sign, type KeyObject } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';

export type KeyUsageName =
  'digitalSignature' | 'nonRepudiation' | 'keyEncipherment' | 'dataEncipherment' | 'keyCertSign' | 'cRLSign';

const SHORT_OIDS: Record<string, string> = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  UID: '0.9.2342.19200300.100.1.1',
};
const SHA256_RSA = '1.2.840.113549.1.1.11';

/** `C=VN, O=…, CN=…, UID=MST:…` (values without commas) in DER order; PrintableString when it fits, else UTF8String. */
export function parseName(text: string): Name {
  return new Name(
    text.split(/,\s*/).map((part) => {
      const at = part.indexOf('=');
      const type = part.slice(0, at).trim();
      const value = part.slice(at + 1);
      const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value);
      return new RelativeDistinguishedName([
        new AttributeTypeAndValue({
          type: SHORT_OIDS[type] ?? type,
          value: new AttributeValue(printable ? { printableString: value } : { utf8String: value }),
        }),
      ]);
    }),
  );
}

function extension(extnID: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

function keyId(spki: SubjectPublicKeyInfo): Buffer {
  return createHash('sha1').update(Buffer.from(spki.subjectPublicKey)).digest();
}

function arrayBuffer(b: Buffer): ArrayBuffer {
  return new Uint8Array(b).buffer;
}

export interface IssueOptions {
  serialHex: string;
  subject: Name;
  issuer: Name;
  notBefore: Date;
  notAfter: Date;
  /** DER SubjectPublicKeyInfo of the certified key. */
  publicKeySpki: Buffer;
  /** The issuer's key (the subject's own for a self-signed CA) and its SPKI (for the authority key identifier). */
  signingKey: KeyObject;
  issuerSpki: Buffer;
  ca: boolean;
  keyUsage: KeyUsageName[];
}

/** DER of a v3 certificate signed with SHA256withRSA. */
export function issueCertificate(o: IssueOptions): Buffer {
  const spki = AsnConvert.parse(o.publicKeySpki, SubjectPublicKeyInfo);
  const issuerSpki = AsnConvert.parse(o.issuerSpki, SubjectPublicKeyInfo);
  const alg = new AlgorithmIdentifier({ algorithm: SHA256_RSA, parameters: null });
  const flags = o.keyUsage.reduce((f, n) => f | KeyUsageFlags[n], 0);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: arrayBuffer(Buffer.from(o.serialHex.length % 2 ? '0' + o.serialHex : o.serialHex, 'hex')),
    signature: alg,
    issuer: o.issuer,
    validity: new Validity({ notBefore: o.notBefore, notAfter: o.notAfter }),
    subject: o.subject,
    subjectPublicKeyInfo: spki,
    extensions: new Extensions([
      extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: o.ca })),
      extension(id_ce_keyUsage, true, new KeyUsage(flags)),
      o.ca
        ? extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(spki)))
        : extension(
            id_ce_authorityKeyIdentifier,
            false,
            new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(keyId(issuerSpki)) }),
          ),
    ]),
  });
  const signature = sign('sha256', Buffer.from(AsnConvert.serialize(tbs)), o.signingKey);
  return Buffer.from(
    AsnConvert.serialize(
      new Certificate({ tbsCertificate: tbs, signatureAlgorithm: alg, signatureValue: arrayBuffer(signature) }),
    ),
  );
}

export function certificatePem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----`;
}
