/**
 * Real signed dossiers for the I-VAN tests: forms built by the declarations' builders, signed by the signing
 * module (`makeSignedDossier` → `signXml`) with the bundled 2015 test certificate (password `thunghiem`) on a clock
 * before its deadline, or with a software-key certificate standing in for a USB token.
 */
import { generateKeyPairSync, createPrivateKey, sign as rsaSign } from 'node:crypto';
import forge from 'node-forge';
import { draftSchema, type DraftInput } from '../../../shared/draft/schema';
import { buildForms } from '../../../shared/forms/build';
import { buildEnvelope, envelopeInfoOf } from '../../../shared/forms/envelope';
import { makeSignedDossier } from '../../../electron/signing/make-dossier';
import { openSigner, type Signer } from '../../../electron/signing/signer';
import { readCertificate } from '../../../electron/signing/certificate';
import { join } from 'node:path';

export const RESOURCES = join(process.cwd(), 'resources');
/** A day when the 2015 test certificate was still valid. */
export const BEFORE_DEADLINE = new Date('2015-10-20T09:00:00+07:00');
export const AFTER_DEADLINE = new Date('2015-11-02T09:00:00+07:00');

/**
 * The local I-VAN's clock for test-certificate dossiers: it receives them on `start` (before the deadline), then
 * runs on in real time. The test certificate's deadline is judged at the receipt time (its key is public, so a time
 * it signs proves nothing), so a 2015 test-certificate dossier received today is refused, as BHXH would.
 */
export function receiptClock(start: Date = BEFORE_DEADLINE): () => Date {
  const t0 = Date.now();
  return () => new Date(start.getTime() + Date.now() - t0);
}

export function testCertSigner(): Promise<Signer> {
  return openSigner({ kind: 'test-cert', password: 'thunghiem' }, BEFORE_DEADLINE, { resourcesDir: RESOURCES });
}

/** A software key + self-signed certificate valid around `at` (stands in for a token certificate). */
export function softwareSigner(at: Date = new Date()): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);
  cert.serialNumber = '0a' + Math.floor(Math.random() * 1e9).toString(16);
  cert.validity.notBefore = new Date(at.getTime() - 365 * 86_400_000);
  cert.validity.notAfter = new Date(at.getTime() + 365 * 86_400_000);
  const attrs = [
    { shortName: 'C', value: 'VN' },
    { shortName: 'CN', value: 'CONG TY TNHH MAU' },
    { type: '0.9.2342.19200300.100.1.1', value: 'MST:0100109106' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  cert.sign(forgeKey, forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const key = createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return {
    kind: 'pkcs11',
    certificateDer: der,
    cert: readCertificate(der),
    warnings: [],
    sign: async (d) => rsaSign('sha256', d, key),
    close: async () => undefined,
  };
}

export function draft(i: number, opts: { agencyCode?: string; period?: string; unitCode?: string } = {}): DraftInput {
  return {
    format: 'kekhai-draft/1',
    procedure: '600',
    period: opts.period ?? '10/2015',
    createdOn: '20/10/2015',
    ivan: '00040',
    unit: {
      code: opts.unitCode ?? 'TS12345',
      name: 'CÔNG TY TNHH MẪU',
      taxCode: '0100109106',
      agencyCode: opts.agencyCode ?? '07906',
      phone: '0912345678',
      signer: 'Nguyễn Văn An',
      address: 'Hà Nội',
    },
    rows: [
      {
        plan: 'TM',
        fullName: `Nguyễn Thị Bình ${i}`,
        insuranceNo: String(7900000000 + i),
        birthDate: '01/01/1990',
        gender: 'F',
        idNumber: '079190000001',
        position: 'Nhân viên',
        workplace: 'Hà Nội',
        salary: 3_500_000 + i * 1000,
        fromMonth: '10/2015',
        contract: { number: `${i}/HĐLĐ`, signedOn: '01/10/2015', type: 'indefinite', from: '01/10/2015' },
      },
    ],
  };
}

/** One signed BHXHDienTu.xml. `signingTime` is the clock written into the signatures. */
export async function signedDossier(
  signer: Signer,
  i: number,
  opts: { agencyCode?: string; signingTime?: Date; period?: string; unitCode?: string } = {},
): Promise<string> {
  const d = draftSchema.parse(draft(i, opts));
  const forms = buildForms(d).map((f) => ({
    code: f.code,
    description: f.description,
    fileName: f.fileName,
    xml: f.xml,
  }));
  const signed = await makeSignedDossier(
    { forms, envelope: (files) => buildEnvelope(envelopeInfoOf(d), files) },
    signer,
    opts.signingTime ?? BEFORE_DEADLINE,
  );
  return signed.envelopeXml;
}
