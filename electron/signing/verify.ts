/**
 * Verification of a signed dossier (the Hoso envelope and every embedded form) or of one signed form, in the BHXH
 * profile. Linear in the input: one streaming C14N pass per document (the enveloped Signature skipped in the same
 * pass), no DOM, nothing fetched. Hostile input is refused before any work: DOCTYPE/ENTITY (billion laughs,
 * external entities), references to anything but the document itself, oversized files.
 */
import { X509Certificate, verify as rsaVerify } from 'node:crypto';
import { walkC14n, canonicalize, type ElementInfo } from '../../shared/signing/c14n';
import { C14N_INCLUSIVE, DSIG_NS, ENVELOPED_SIGNATURE, RSA_SHA256, SHA256_DIGEST } from '../../shared/signing/profile';
import { validityAt } from '../../shared/signing/expiry';
import { readCertificate, type CertInfo } from './certificate';
import { AppError } from '../core/app-error';
import { asAppError, checkSize, DEFAULT_MAX_XML_BYTES, Sha256Sink } from './xml-input';
import { XmlInputError } from '../../shared/signing/xml-error';

export interface VerifiedFile {
  name: string;
  valid: boolean;
  digestValid: boolean;
  signatureValid: boolean;
  signer: string | null;
  mst: string | null;
  issuer: string | null;
  certSerial: string | null;
  /** Vietnamese summary: why it is invalid, or notes. */
  reason: string;
  reasonEn: string;
  certValidAtSigningTime: boolean | null;
  /** From the unsigned SigningTime Object (ISO), null when absent. */
  signingTime: string | null;
  /** Issued by one of the trusted CAs given in options; null when none were given. */
  trusted: boolean | null;
  paperCopyRequired?: boolean;
}

export interface VerifyReport {
  valid: boolean;
  files: VerifiedFile[];
}

export interface VerifyOptions {
  name?: string;
  maxBytes?: number;
  /** PEM certificates of CAs whose issuance is checked (`trusted`). */
  trustedCaPems?: string[];
  /** Used as the check time when a signature carries no SigningTime. */
  now?: Date;
  /** Serial numbers (hex) of certificates that mark a paper-copy dossier (the bundled test certificate). */
  testCertSerials?: string[];
}

interface EnvelopeEntry {
  fields: Record<string, string>;
}

interface Scan {
  digest: Buffer;
  signature: ElementInfo | null;
  signatureEnd: number;
  signatures: number;
  root: ElementInfo | null;
  entries: EnvelopeEntry[];
}

const ENVELOPE_FIELDS = new Set(['MaToKhai', 'MoTaToKhai', 'TenFile', 'LoaiFile', 'DoDaiFile', 'NoiDungFile']);

/**
 * `xml` is either a JS string or (latin1 = true) the file's UTF-8 bytes viewed as Latin-1, which keeps large files
 * one byte per char and hashes them without re-encoding.
 */
function scanDocument(xml: string, collectEnvelope: boolean, latin1: boolean, source?: Buffer): Scan {
  const scan: Scan = { digest: Buffer.alloc(0), signature: null, signatureEnd: -1, signatures: 0, root: null, entries: [] };
  const sink = latin1 && source ? Sha256Sink.over(source) : new Sha256Sink(latin1 ? 'latin1' : 'utf8');
  let current: EnvelopeEntry | null = null;
  walkC14n(xml, sink, {
    latin1,
    hooks: {
      start(el) {
        if (el.depth === 0) scan.root = el;
        if (el.ns === DSIG_NS && el.local === 'Signature') {
          scan.signatures++;
          if (!scan.signature) {
            scan.signature = el;
            return 'skip'; // enveloped-signature transform
          }
        }
        if (collectEnvelope) {
          if (el.local === 'FileToKhai') {
            current = { fields: {} };
            scan.entries.push(current);
          } else if (current && ENVELOPE_FIELDS.has(el.local)) return 'capture';
        }
      },
      end(el, end) {
        if (el === scan.signature) scan.signatureEnd = end;
        if (el.local === 'FileToKhai') current = null;
      },
      captured(el, text) {
        if (current) current.fields[el.local] = text;
      },
    },
  });
  scan.digest = sink.digest();
  return scan;
}

interface SigParts {
  canonicalSignedInfo: string;
  c14nMethod?: string;
  signatureMethod?: string;
  references: { uri: string | undefined; transforms: string[]; digestMethod?: string; digestValue?: string }[];
  signatureValue?: string;
  certificate?: string;
  modulus?: string;
  signingTime?: string;
}

const NULL_SINK = { write() {} };

function readSignature(xml: string, sig: ElementInfo, end: number, latin1: boolean): SigParts {
  const text = xml.slice(sig.start, end);
  const parts: SigParts = { canonicalSignedInfo: '', references: [] };
  let signedInfo: ElementInfo | null = null;
  let signedInfoEnd = -1;
  let ref: SigParts['references'][number] | null = null;
  const ctx = { ns: sig.scope, xmlAttrs: sig.xmlAttrs };
  walkC14n(text, NULL_SINK, {
    latin1,
    context: ctx,
    hooks: {
      start(el) {
        const ds = el.ns === DSIG_NS;
        if (ds && el.local === 'SignedInfo' && el.depth === 1 && !signedInfo) signedInfo = el;
        else if (ds && el.local === 'CanonicalizationMethod' && el.depth === 2) parts.c14nMethod = el.attr('Algorithm');
        else if (ds && el.local === 'SignatureMethod' && el.depth === 2) parts.signatureMethod = el.attr('Algorithm');
        else if (ds && el.local === 'Reference' && el.depth === 2) {
          ref = { uri: el.attr('URI'), transforms: [] };
          parts.references.push(ref);
        } else if (ds && el.local === 'Transform' && ref) ref.transforms.push(el.attr('Algorithm') ?? '');
        else if (ds && el.local === 'DigestMethod' && ref) ref.digestMethod = el.attr('Algorithm');
        else if (ds && ['DigestValue', 'SignatureValue', 'X509Certificate', 'Modulus'].includes(el.local)) return 'capture';
        else if (el.local === 'SigningTime') return 'capture';
      },
      end(el, e) {
        if (el === signedInfo) signedInfoEnd = e;
        if (el.local === 'Reference') ref = null;
      },
      captured(el, t) {
        const v = t.replace(/\s+/g, '');
        if (el.local === 'DigestValue' && ref) ref.digestValue = v;
        else if (el.local === 'SignatureValue') parts.signatureValue = v;
        else if (el.local === 'X509Certificate' && !parts.certificate) parts.certificate = v;
        else if (el.local === 'Modulus') parts.modulus = v;
        else if (el.local === 'SigningTime') parts.signingTime = t.trim();
      },
    },
  });
  if (signedInfo) {
    const si = signedInfo as ElementInfo;
    parts.canonicalSignedInfo = canonicalize(text.slice(si.start, signedInfoEnd), { context: ctx, latin1 });
  }
  return parts;
}

function result(name: string, partial: Partial<VerifiedFile>, problems: { vi: string; en: string }[]): VerifiedFile {
  const base: VerifiedFile = {
    name,
    valid: false,
    digestValid: false,
    signatureValid: false,
    signer: null,
    mst: null,
    issuer: null,
    certSerial: null,
    reason: '',
    reasonEn: '',
    certValidAtSigningTime: null,
    signingTime: null,
    trusted: null,
    ...partial,
  };
  base.valid = problems.length === 0 && base.digestValid && base.signatureValid && base.certValidAtSigningTime !== false && base.trusted !== false;
  base.reason = problems.length ? problems.map((p) => p.vi).join('; ') : 'Chữ ký hợp lệ';
  base.reasonEn = problems.length ? problems.map((p) => p.en).join('; ') : 'Valid signature';
  return base;
}

function checkTrust(cert: CertInfo, cas: X509Certificate[]): boolean {
  const c = new X509Certificate(cert.der);
  return cas.some((ca) => {
    try {
      return c.checkIssued(ca) && c.verify(ca.publicKey);
    } catch {
      return false;
    }
  });
}

/** Verifies one signed document whose Signature follows the profile. Never throws for a bad signature. */
function verifyDocument(xml: string, latin1: boolean, name: string, opts: VerifyOptions, cas: X509Certificate[], scan: Scan): VerifiedFile {
  const problems: { vi: string; en: string }[] = [];
  if (!scan.signature || scan.signatureEnd < 0) {
    return result(name, {}, [{ vi: 'Tệp chưa được ký số (không có thẻ Signature)', en: 'The file is not signed (no Signature element)' }]);
  }
  if (scan.signatures > 1) problems.push({ vi: `Tệp có ${scan.signatures} chữ ký — hồ sơ BHXH chỉ có một chữ ký mỗi tệp`, en: `${scan.signatures} signatures — one per file expected` });
  const parts = readSignature(xml, scan.signature, scan.signatureEnd, latin1);
  if (parts.c14nMethod !== C14N_INCLUSIVE) problems.push({ vi: `Phương pháp chuẩn hóa không đúng chuẩn BHXH (${parts.c14nMethod ?? 'thiếu'})`, en: `Unsupported canonicalization ${parts.c14nMethod ?? '(missing)'}` });
  if (parts.signatureMethod !== RSA_SHA256) problems.push({ vi: `Thuật toán ký không phải RSA-SHA256 (${parts.signatureMethod ?? 'thiếu'})`, en: `Signature method is not RSA-SHA256 (${parts.signatureMethod ?? 'missing'})` });
  const ref = parts.references[0];
  let digestValid = false;
  if (parts.references.length !== 1 || !ref) {
    problems.push({ vi: `Chữ ký phải có đúng một Reference (có ${parts.references.length})`, en: `Exactly one Reference expected (found ${parts.references.length})` });
  } else if (ref.uri !== '') {
    // Nothing is fetched: only the whole document (URI="") is a valid target in this profile.
    problems.push({ vi: `Chữ ký tham chiếu ra ngoài tài liệu (URI="${ref.uri ?? ''}") — bị từ chối, không tải về`, en: `External reference (URI="${ref.uri ?? ''}") refused, not fetched` });
  } else {
    const okTransforms = ref.transforms.length >= 1 && ref.transforms[0] === ENVELOPED_SIGNATURE && ref.transforms.slice(1).every((t) => t === C14N_INCLUSIVE);
    if (!okTransforms) problems.push({ vi: 'Biến đổi (Transforms) không đúng chuẩn BHXH', en: 'Transforms are not the BHXH profile' });
    if (ref.digestMethod !== SHA256_DIGEST) problems.push({ vi: 'Hàm băm không phải SHA-256', en: 'Digest method is not SHA-256' });
    digestValid = okTransforms && ref.digestMethod === SHA256_DIGEST && !!ref.digestValue && scan.digest.toString('base64') === ref.digestValue;
    if (!digestValid && okTransforms && ref.digestMethod === SHA256_DIGEST) {
      problems.push({ vi: 'Mã băm không khớp: nội dung tệp đã bị sửa sau khi ký', en: 'Digest mismatch: the content was changed after signing' });
    }
  }
  let cert: CertInfo | null = null;
  try {
    if (parts.certificate) cert = readCertificate(Buffer.from(parts.certificate, 'base64'));
  } catch {
    cert = null;
  }
  let signatureValid = false;
  if (!cert) problems.push({ vi: 'Không đọc được chứng thư số trong chữ ký (X509Certificate)', en: 'No readable X509Certificate in the signature' });
  else if (!parts.signatureValue) problems.push({ vi: 'Thiếu giá trị chữ ký', en: 'Missing SignatureValue' });
  else {
    signatureValid =
      parts.signatureMethod === RSA_SHA256 &&
      rsaVerify('sha256', Buffer.from(parts.canonicalSignedInfo, latin1 ? 'latin1' : 'utf8'), new X509Certificate(cert.der).publicKey, Buffer.from(parts.signatureValue, 'base64'));
    if (!signatureValid) problems.push({ vi: 'Giá trị chữ ký không khớp với chứng thư số', en: 'The signature value does not verify with the certificate' });
    if (parts.modulus && Buffer.from(parts.modulus, 'base64').toString('hex').replace(/^(00)+/, '') !== cert.modulus.toString('hex').replace(/^(00)+/, '')) {
      problems.push({ vi: 'Khóa công khai (KeyValue) khác khóa của chứng thư số', en: 'KeyValue differs from the certificate key' });
    }
  }
  const signingTime = parts.signingTime && !Number.isNaN(Date.parse(parts.signingTime)) ? new Date(parts.signingTime) : null;
  let certValidAtSigningTime: boolean | null = null;
  if (cert) {
    const at = signingTime ?? opts.now ?? new Date();
    const v = validityAt(cert.notBefore, cert.notAfter, at);
    certValidAtSigningTime = v === 'valid';
    if (v === 'expired') problems.push({ vi: 'Chứng thư số đã hết hạn vào thời điểm ký', en: 'The certificate had expired at signing time' });
    if (v === 'not-yet-valid') problems.push({ vi: 'Chứng thư số chưa có hiệu lực vào thời điểm ký', en: 'The certificate was not yet valid at signing time' });
  }
  const trusted = cert && cas.length ? checkTrust(cert, cas) : null;
  if (trusted === false) problems.push({ vi: 'Chứng thư số không do tổ chức chứng thực tin cậy cấp', en: 'The certificate is not issued by a trusted CA' });
  return result(
    name,
    {
      digestValid,
      signatureValid,
      signer: cert?.subjectCN ?? null,
      mst: cert?.mst ?? null,
      issuer: cert?.issuerCN ?? null,
      certSerial: cert?.serial ?? null,
      certValidAtSigningTime,
      signingTime: signingTime ? signingTime.toISOString() : null,
      trusted,
      paperCopyRequired: cert ? (opts.testCertSerials ?? []).includes(cert.serial) : false,
    },
    problems,
  );
}

function refusal(e: unknown): never {
  throw asAppError(e);
}

/** Envelope + every embedded form, or one signed form. Hostile or malformed input throws an AppError. */
export function verifyDossierXml(bytes: Buffer | string, opts: VerifyOptions = {}): VerifyReport {
  const max = opts.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  checkSize(typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length, max);
  const latin1 = typeof bytes !== 'string';
  const xml = typeof bytes === 'string' ? bytes : bytes.toString('latin1');
  const cas = (opts.trustedCaPems ?? []).map((p) => new X509Certificate(p));
  let scan: Scan;
  try {
    scan = scanDocument(xml, true, latin1, typeof bytes === 'string' ? undefined : bytes);
  } catch (e) {
    return refusal(e);
  }
  const isEnvelope = scan.root?.local === 'Hoso';
  const files: VerifiedFile[] = [verifyDocument(xml, latin1, opts.name ?? (isEnvelope ? 'BHXHDienTu.xml' : 'tệp'), opts, cas, scan)];
  if (isEnvelope) {
    if (!scan.entries.length) files[0] = result(files[0]!.name, files[0]!, [{ vi: 'Hồ sơ không có tờ khai nào (FileToKhai)', en: 'The envelope holds no FileToKhai' }]);
    for (const entry of scan.entries) files.push(verifyEmbedded(entry, opts, cas, max));
  }
  return { valid: files.every((f) => f.valid), files };
}

function verifyEmbedded(entry: EnvelopeEntry, opts: VerifyOptions, cas: X509Certificate[], max: number): VerifiedFile {
  const f = entry.fields;
  const name = f.TenFile ?? f.MaToKhai ?? '(không tên)';
  const b64 = f.NoiDungFile ?? '';
  const isXml = (f.LoaiFile ?? '').toLowerCase() === '.xml' || /\.xml$/i.test(name);
  const problems: { vi: string; en: string }[] = [];
  const hasSpace = /\s/.test(b64);
  if (hasSpace) problems.push({ vi: 'Nội dung Base64 có xuống dòng — cổng BHXH từ chối (lỗi 125)', en: 'Base64 content has line breaks — the BHXH gateway rejects it (error 125)' });
  const clean = hasSpace ? b64.replace(/\s+/g, '') : b64;
  if (f.DoDaiFile !== undefined && String(clean.length) !== f.DoDaiFile.trim()) {
    problems.push({ vi: `DoDaiFile (${f.DoDaiFile}) khác độ dài Base64 (${clean.length})`, en: `DoDaiFile (${f.DoDaiFile}) differs from the Base64 length (${clean.length})` });
  }
  // Node's decoder skips invalid characters, so a decoded length short of what the text length promises means bad Base64.
  const decoded = Buffer.from(clean, 'base64');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  if (clean.length % 4 !== 0 || decoded.length !== (clean.length / 4) * 3 - pad) {
    return result(name, {}, [...problems, { vi: 'Nội dung tệp không phải Base64 hợp lệ', en: 'The file content is not valid Base64' }]);
  }
  if (!isXml) {
    // Attachments (CT-DK pdf/docx…) carry no signature of their own; the envelope signature covers them.
    return { ...result(name, { digestValid: true, signatureValid: true }, problems), reason: problems.length ? problems.map((p) => p.vi).join('; ') : 'Tệp đính kèm, được bảo vệ bởi chữ ký của hồ sơ', reasonEn: 'Attachment, covered by the envelope signature' };
  }
  if (decoded.length > max) {
    return result(name, {}, [...problems, { vi: 'Tờ khai nhúng quá lớn — bị từ chối', en: 'Embedded form too large — refused' }]);
  }
  const xml = decoded.toString('latin1');
  let scan: Scan;
  try {
    scan = scanDocument(xml, false, true, decoded);
  } catch (e) {
    const err = asAppError(e);
    const msg = err instanceof AppError ? { vi: err.message, en: err.messageEn ?? err.message } : { vi: String(e), en: String(e) };
    if (!(e instanceof XmlInputError)) throw e;
    return result(name, {}, [...problems, msg]);
  }
  const r = verifyDocument(xml, true, name, opts, cas, scan);
  if (!problems.length) return r;
  return result(name, r, [...problems, ...(r.valid ? [] : [{ vi: r.reason, en: r.reasonEn }])]);
}

export { DEFAULT_MAX_XML_BYTES };
