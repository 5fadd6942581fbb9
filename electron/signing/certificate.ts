/** Reading an X.509 certificate the way the clerk needs it: who, which MST, issued by whom, until when, for what. */
import { X509Certificate as NodeX509 } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, KeyUsage, KeyUsageFlags, id_ce_keyUsage, type Name } from '@peculiar/asn1-x509';
import { extractMst, ORGANIZATION_IDENTIFIER_OID, UID_OID } from '../../shared/signing/mst';
import { expiryWarning, validityAt, type ValidityState } from '../../shared/signing/expiry';
import { AppError } from '../core/app-error';
import { formatDateVN } from '../../shared/format';

export interface CertInfo {
  der: Buffer;
  subject: string;
  /** .NET-style subject (most specific first, `OID.0.9.2342.19200300.100.1.1=` for UID) used in X509SubjectName. */
  subjectName: string;
  subjectCN: string;
  organisation: string | null;
  issuer: string;
  issuerCN: string;
  /** Lower-case hex of the serial's magnitude (DER sign byte dropped). */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  mst: string | null;
  keyUsage: string[] | null;
  canSign: boolean;
  modulus: Buffer;
  exponent: Buffer;
}

const SHORT: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.9': 'STREET',
  '2.5.4.12': 'T',
  '1.2.840.113549.1.9.1': 'E',
  [UID_OID]: 'UID',
  [ORGANIZATION_IDENTIFIER_OID]: 'organizationIdentifier',
};

interface Rdn {
  oid: string;
  value: string;
}

function rdns(name: Name): Rdn[] {
  return name.flatMap((set) => set.map((atv) => ({ oid: atv.type, value: attributeText(atv.value) })));
}

function attributeText(v: Name[number][number]['value']): string {
  return v.anyValue ? `#${Buffer.from(v.anyValue).toString('hex')}` : v.toString();
}

const LDAP_SHORT: Record<string, string> = {
  ...Object.fromEntries(
    ['2.5.4.3', '2.5.4.7', '2.5.4.8', '2.5.4.10', '2.5.4.11', '2.5.4.6', '2.5.4.12', '1.2.840.113549.1.9.1'].map(
      (oid) => [oid, SHORT[oid]!],
    ),
  ),
  '0.9.2342.19200300.100.1.25': 'DC',
  '2.5.4.42': 'G',
  '2.5.4.43': 'I',
  '2.5.4.4': 'SN',
};

/** RFC 4514-style text in DER order (`C=VN, O=…, CN=…, 0.9.2342.19200300.100.1.1=MST:…`), multi-valued RDNs joined by `+`. */
function nameText(name: Name): string {
  return name
    .map((set) =>
      set
        .map(
          (atv) =>
            `${LDAP_SHORT[atv.type] ?? atv.type}=${atv.value.anyValue ? attributeText(atv.value) : escapeDn(atv.value.toString())}`,
        )
        .join('+'),
    )
    .join(', ');
}

function escapeDn(v: string): string {
  return v
    .replace(/([,+"\\<>;])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ')
    .replace(/[\r\n\t]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
}

function first(list: Rdn[], oid: string): string | null {
  return list.find((r) => r.oid === oid)?.value ?? null;
}

const KU_NAMES: [number, string][] = [
  [KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [KeyUsageFlags.cRLSign, 'cRLSign'],
];

export function readCertificate(der: Buffer): CertInfo {
  let cert: Certificate;
  let node: NodeX509;
  try {
    cert = AsnConvert.parse(der, Certificate);
    node = new NodeX509(der);
  } catch (e) {
    throw new AppError('CERT_INVALID', 'Chứng thư số không đọc được (sai định dạng X.509)', {
      en: 'The certificate cannot be read (not X.509)',
      cause: e,
    });
  }
  const tbs = cert.tbsCertificate;
  const subj = rdns(tbs.subject);
  const iss = rdns(tbs.issuer);
  const subject = nameText(tbs.subject);
  const issuer = nameText(tbs.issuer);
  const kuExt = tbs.extensions?.find((e) => e.extnID === id_ce_keyUsage);
  const ku = kuExt ? AsnConvert.parse(kuExt.extnValue, KeyUsage).toNumber() : null;
  const keyUsage = ku === null ? null : KU_NAMES.filter(([bit]) => (ku & bit) !== 0).map(([, n]) => n);
  const jwk = node.publicKey.export({ format: 'jwk' }) as { n?: string; e?: string; kty: string };
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e) {
    throw new AppError('CERT_NOT_RSA', 'Chứng thư số không dùng khóa RSA — hồ sơ BHXH yêu cầu RSA-SHA256', {
      en: 'The certificate key is not RSA; BHXH requires RSA-SHA256',
    });
  }
  const mstValues = [
    first(subj, UID_OID),
    first(subj, ORGANIZATION_IDENTIFIER_OID),
    ...subj.map((r) => r.value),
  ].filter((v): v is string => !!v);
  return {
    der: Buffer.from(der),
    subject,
    subjectName: dotnetName(subj),
    subjectCN: first(subj, '2.5.4.3') ?? subject,
    organisation: first(subj, '2.5.4.10'),
    issuer,
    issuerCN: first(iss, '2.5.4.3') ?? issuer,
    serial: serialHex(tbs.serialNumber),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    mst: extractMst(mstValues)?.mst ?? null,
    keyUsage,
    canSign: keyUsage === null || keyUsage.includes('digitalSignature') || keyUsage.includes('nonRepudiation'),
    modulus: Buffer.from(jwk.n, 'base64url'),
    exponent: Buffer.from(jwk.e, 'base64url'),
  };
}

/** The serial's magnitude in lower-case hex: DER's sign byte (00 before a byte ≥ 80) dropped, as certificate tools print it. */
function serialHex(raw: ArrayBuffer): string {
  const bytes = Buffer.from(raw);
  return (bytes.length > 1 && bytes[0] === 0 && bytes[1]! >= 0x80 ? bytes.subarray(1) : bytes).toString('hex');
}

/**
 * .NET's X500DistinguishedName names the province `S=` (not `ST=`): real VNPT SmartCA signed files carry
 * `X509SubjectName` text `…, S=Hà Nội, …` (5310101/ERS_EbhRemoteSigning BHXHDienTu.xml).
 */
const DOTNET_SHORT: Record<string, string> = { ...SHORT, '2.5.4.8': 'S' };

/** `CN=…, O=…, L=…, OID.0.9.2342.19200300.100.1.1=MST:…, C=VN` — reverse of the DER order, as .NET prints it. */
function dotnetName(list: Rdn[]): string {
  return [...list]
    .reverse()
    .map(
      (r) =>
        `${DOTNET_SHORT[r.oid] && r.oid !== UID_OID && r.oid !== ORGANIZATION_IDENTIFIER_OID ? DOTNET_SHORT[r.oid] : 'OID.' + r.oid}=${quoteDn(r.value)}`,
    )
    .join(', ');
}

function quoteDn(v: string): string {
  return /[,+"\\<>;=]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Normalises a serial typed by the clerk (`0A:1B…`, `0x…`, upper case) for comparison. */
export function normaliseSerial(s: string): string {
  return s
    .toLowerCase()
    .replace(/^0x/, '')
    .replace(/[^0-9a-f]/g, '')
    .replace(/^0+(?=.)/, '');
}

export interface CertCheck {
  validity: ValidityState;
  expiryWarningDays: number | null;
  daysLeft: number;
}

export function checkCertificateAt(info: CertInfo, now: Date): CertCheck {
  const w = expiryWarning(info.notAfter, now);
  return {
    validity: validityAt(info.notBefore, info.notAfter, now),
    expiryWarningDays: w.threshold,
    daysLeft: w.daysLeft,
  };
}

const dmy = formatDateVN;

/** Refuses a certificate that cannot sign now: expired, not yet valid, or without digitalSignature/nonRepudiation. */
export function assertCanSign(info: CertInfo, now: Date): void {
  const v = validityAt(info.notBefore, info.notAfter, now);
  if (v === 'expired') {
    throw new AppError(
      'CERT_EXPIRED',
      `Chứng thư số "${info.subjectCN}" đã hết hạn ngày ${dmy(info.notAfter)}. Hãy gia hạn chứng thư số với nhà cung cấp.`,
      {
        en: `Certificate "${info.subjectCN}" expired on ${dmy(info.notAfter)}. Renew it with the CA.`,
        details: { serial: info.serial, notAfter: info.notAfter.toISOString() },
      },
    );
  }
  if (v === 'not-yet-valid') {
    throw new AppError(
      'CERT_NOT_YET_VALID',
      `Chứng thư số "${info.subjectCN}" chỉ có hiệu lực từ ngày ${dmy(info.notBefore)}. Hãy kiểm tra đồng hồ máy tính.`,
      {
        en: `Certificate "${info.subjectCN}" is valid only from ${dmy(info.notBefore)}. Check the computer clock.`,
        details: { serial: info.serial, notBefore: info.notBefore.toISOString() },
      },
    );
  }
  if (!info.canSign) {
    throw new AppError(
      'CERT_KEY_USAGE',
      `Chứng thư số "${info.subjectCN}" không được phép dùng để ký (thiếu digitalSignature/nonRepudiation).`,
      {
        en: `Certificate "${info.subjectCN}" may not sign (no digitalSignature/nonRepudiation key usage).`,
        details: { serial: info.serial, keyUsage: info.keyUsage },
      },
    );
  }
}
