import { z } from 'zod';
import { defineMethods } from './define';
import { fileBlob } from './common';

// Owned by the A (signing) work. Method names are `domain.verb`.

/**
 * Who signs. The PIN / password travels once, from the clerk to the signing service, and is never stored, logged
 * or returned. `pin` may be empty for PIN-pad readers (protected authentication path).
 */
export const signerSpec = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pkcs11'),
    library: z.string().min(1),
    tokenLabel: z.string().optional(),
    tokenSerial: z.string().optional(),
    certSerial: z.string().optional(),
    pin: z.string().max(64).optional(),
  }),
  z.object({ kind: z.literal('test-cert'), password: z.string().max(128) }),
]);
export type SignerSpecInput = z.infer<typeof signerSpec>;

const apiErrorShape = z.object({ code: z.string(), message: z.string(), messageEn: z.string() });

export const certificateReport = z.object({
  label: z.string(),
  id: z.string().nullable(),
  subject: z.string(),
  subjectCN: z.string(),
  mst: z.string().nullable(),
  issuer: z.string(),
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  keyUsage: z.array(z.string()).nullable(),
  canSign: z.boolean(),
  validity: z.enum(['valid', 'expired', 'not-yet-valid']),
  daysLeft: z.number(),
  /** 30, 15 or 7 when that many days or fewer remain. */
  expiryWarningDays: z.number().nullable(),
  /** How the private key was matched without the PIN (a private key visible, or its public half), or not yet known. */
  privateKey: z.enum(['match-id', 'match-modulus', 'pair-id', 'pair-modulus', 'needs-login']),
});
export type CertificateReport = z.infer<typeof certificateReport>;

export const tokenReport = z.object({
  label: z.string(),
  serial: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  flags: z.array(z.string()),
  pinState: z.enum(['ok', 'few-tries-left', 'final-try', 'locked']),
  loginRequired: z.boolean(),
  protectedAuthenticationPath: z.boolean(),
  certificates: z.array(certificateReport),
});
export type TokenReport = z.infer<typeof tokenReport>;

export const libraryReport = z.object({
  id: z.string(),
  vendor: z.string(),
  path: z.string(),
  source: z.enum(['list', 'user']),
  found: z.boolean(),
  /** 32 for a 32-bit library (unusable in the 64-bit app), 64, or null when unknown. */
  bits: z.union([z.literal(32), z.literal(64)]).nullable(),
  loaded: z.boolean(),
  manufacturer: z.string().nullable(),
  description: z.string().nullable(),
  tokens: z.array(tokenReport),
  error: apiErrorShape.nullable(),
});
export type LibraryReport = z.infer<typeof libraryReport>;

export const testCertInfo = z.object({
  available: z.boolean(),
  subject: z.string(),
  serial: z.string(),
  notAfter: z.string(),
  /** True once the clock is past 31/10/2015 23:59:59 Vietnam time. */
  expired: z.boolean(),
  notice: z.string(),
  noticeEn: z.string(),
});

export const chainLink = z.object({
  subject: z.string(),
  issuer: z.string(),
  serial: z.string(),
  fingerprint: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  anchor: z.boolean(),
});

export const verifiedFile = z.object({
  name: z.string(),
  valid: z.boolean(),
  digestValid: z.boolean(),
  signatureValid: z.boolean(),
  signer: z.string().nullable(),
  mst: z.string().nullable(),
  issuer: z.string().nullable(),
  certSerial: z.string().nullable(),
  reason: z.string(),
  reasonEn: z.string(),
  /** The certificate was valid at `judgedAt` (a signed SigningTime, else the receipt time — never an unsigned one). */
  certValidAtSigningTime: z.boolean().nullable(),
  /** The SigningTime written in the file; informative unless `timeSource` is 'signed-time'. */
  signingTime: z.string().nullable(),
  judgedAt: z.string().nullable(),
  timeSource: z.enum(['signed-time', 'receipt-time']).nullable(),
  /** A certificate path to a trust anchor was built and checked (issue #12: three states). */
  trusted: z.boolean(),
  state: z.enum(['trusted', 'untrusted', 'invalid']),
  chain: z.array(chainLink),
  revocation: z.literal('not-checked'),
  paperCopyRequired: z.boolean().optional(),
});
/** `valid`: every file intact; `trusted`: every file's issuer verified. Intact but untrusted is not accepted by default. */
export const verifyReport = z.object({ valid: z.boolean(), trusted: z.boolean(), files: z.array(verifiedFile) });

export const trustEntry = z.object({
  fingerprint: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  selfSigned: z.boolean(),
  source: z.enum(['store', 'built-in']),
  /** The built-in 2015 test CA vouches only for this certificate (SHA-256 fingerprint). */
  restrictedTo: z.string().nullable(),
});
export type TrustEntryOutput = z.infer<typeof trustEntry>;
export type VerifyReportOutput = z.infer<typeof verifyReport>;

/** The clerk confirmed signing with a certificate of another MST; recorded in `mst_overrides`. */
const mstOverride = z.object({ reason: z.string().min(3).max(500) });

const signedSummary = {
  signer: z.string(),
  mst: z.string().nullable(),
  certSerial: z.string(),
  signerKind: z.enum(['pkcs11', 'test-cert']),
  paperCopyRequired: z.boolean(),
  /** The paper-copy notice when the test certificate signed, else null. */
  notice: z.string().nullable(),
  sha256: z.string(),
  warnings: z.array(z.string()),
};

export const signingMethods = defineMethods({
  'signing.tokens': {
    summary: 'Kiểm tra chữ ký số: thư viện, token, chứng thư / Signing check: libraries, tokens, certificates',
    input: z.object({ library: z.string().min(1).optional() }).strict(),
    output: z.object({
      os: z.enum(['windows', 'linux', 'darwin']),
      arch: z.string(),
      libraries: z.array(libraryReport),
      userLibraries: z.array(z.string()),
      testCert: testCertInfo,
      now: z.string(),
    }),
  },
  'signing.addLibrary': {
    summary: 'Thêm đường dẫn thư viện PKCS#11 / Add a PKCS#11 library path',
    input: z.object({ path: z.string().min(1).max(1024) }).strict(),
    output: z.object({ userLibraries: z.array(z.string()), library: libraryReport }),
  },
  'signing.removeLibrary': {
    summary: 'Bỏ đường dẫn thư viện PKCS#11 đã thêm / Remove an added PKCS#11 library path',
    input: z.object({ path: z.string().min(1) }).strict(),
    output: z.object({ userLibraries: z.array(z.string()) }),
  },
  'signing.testCert': {
    summary: 'Chứng thư số thử nghiệm (hết hạn 31/10/2015) / The test certificate (expired 31/10/2015)',
    input: z.object({}).strict(),
    output: testCertInfo,
  },
  'signing.sign': {
    summary: 'Ký một tệp XML vào Cky/CKy_Dvi / Sign one XML file into Cky/CKy_Dvi',
    progress: true,
    input: z
      .object({
        file: fileBlob,
        signer: signerSpec,
        /** The unit's MST; a certificate of another MST is refused unless `mstOverride` is given. */
        unitMst: z.string().optional(),
        mstOverride: mstOverride.optional(),
        dossierRef: z.string().optional(),
      })
      .strict(),
    output: z.object({ file: fileBlob, ...signedSummary }),
  },
  'signing.makeDossier': {
    summary:
      'Lập hồ sơ: ký từng tờ khai, đóng gói và ký hồ sơ / Build a dossier: sign each form, wrap, sign the envelope',
    progress: true,
    input: z
      .object({
        draft: z.unknown(),
        signer: signerSpec,
        mstOverride: mstOverride.optional(),
        dossierRef: z.string().optional(),
      })
      .strict(),
    output: z.object({
      envelope: fileBlob,
      files: z.array(
        z.object({
          code: z.string(),
          description: z.string(),
          fileName: z.string(),
          sha256: z.string(),
          bytes: z.number(),
        }),
      ),
      ...signedSummary,
    }),
  },
  'signing.signDossier': {
    summary: 'Ký hồ sơ nháp đã lưu (tờ khai + hồ sơ) và chuyển sang "đã ký" / Sign a stored draft dossier',
    progress: true,
    input: z.object({ dossierId: z.string().min(1), signer: signerSpec, mstOverride: mstOverride.optional() }).strict(),
    output: z.object({
      dossierId: z.string(),
      state: z.string(),
      files: z.array(
        z.object({
          code: z.string(),
          description: z.string(),
          fileName: z.string(),
          sha256: z.string(),
          bytes: z.number(),
        }),
      ),
      ...signedSummary,
    }),
  },
  'signing.verify': {
    summary: 'Kiểm tra hồ sơ đã ký (BHXHDienTu.xml hoặc một tờ khai) / Verify a signed dossier or form',
    input: z.object({ file: fileBlob }).strict(),
    output: verifyReport,
  },
  'signing.trustList': {
    summary: 'Tổ chức cấp tin cậy / Trusted issuers (CA certificates)',
    input: z.object({}).strict(),
    output: z.object({ entries: z.array(trustEntry) }),
  },
  'signing.trustAdd': {
    summary: 'Nhập chứng thư CA tin cậy (.pem, .cer, .p7b) / Import trusted CA certificates',
    input: z.object({ file: fileBlob }).strict(),
    output: z.object({ added: z.array(trustEntry), present: z.array(trustEntry) }),
  },
  'signing.trustRemove': {
    summary: 'Bỏ một chứng thư CA tin cậy / Remove a trusted CA certificate',
    input: z.object({ fingerprint: z.string().min(8).max(200) }).strict(),
    output: z.object({ removed: trustEntry }),
  },
});
