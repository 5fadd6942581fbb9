/**
 * Verification of a signed dossier (the Hoso envelope and every embedded form) or of one signed form, in the BHXH
 * profile. Linear in the input: one strict streaming pass per document through the shared dossier reader
 * (shared/dossier/read.ts — the same reading the outbox and the I-VAN server use), the enveloped Signature skipped
 * in the same pass, no DOM, nothing fetched. Hostile input is refused before any work: DOCTYPE/ENTITY, comments,
 * processing instructions, CDATA, duplicate elements, foreign content inside Signature, non-UTF-8 text, references
 * to anything but the document itself or its signed SigningTime, oversized files.
 *
 * Three outcomes per file (issue #12 item 2): intact and trusted; intact but the issuer is not trusted
 * (`valid: true, trusted: false`); invalid. The certificate's dates are judged at a signed time (a SigningTime that
 * a Reference covers, as eBH's files carry — domain reference addendum 2 item 8) or else at the receipt time
 * (`now`), never at an unsigned SigningTime. Revocation is not checked and is reported as such.
 */
import { X509Certificate, createHash, verify as rsaVerify, type KeyObject } from 'node:crypto';
import { walkC14n, canonicalize, type ElementInfo } from '../../shared/signing/c14n';
import { C14N_INCLUSIVE, DSIG_NS, ENVELOPED_SIGNATURE, RSA_SHA256, SHA256_DIGEST } from '../../shared/signing/profile';
import { validityAt } from '../../shared/signing/expiry';
import { parseInstantVN } from '../../shared/format';
import { nestedDossier, readSignedXml, type DossierReading, type DossierFile } from '../../shared/dossier/read';
import { readCertificate, type CertInfo } from './certificate';
import { AppError } from '../core/app-error';
import { asAppError, checkSize, checkUtf8, DEFAULT_MAX_XML_BYTES, Sha256Sink } from './xml-input';
import { XmlInputError } from '../../shared/signing/xml-error';
import { buildChain, type ChainLink } from './chain';
import { fingerprintOf, type TrustAnchor } from './trust-store';

import { UNTRUSTED_NOTE, UNTRUSTED_NOTE_EN } from '../../shared/signing/trust-text';

export interface VerifiedFile {
  name: string;
  /** Intact: digest, signature value and certificate dates (at the judged time) all check. Says nothing of trust. */
  valid: boolean;
  digestValid: boolean;
  signatureValid: boolean;
  signer: string | null;
  mst: string | null;
  issuer: string | null;
  certSerial: string | null;
  /** Vietnamese summary: why it is invalid or untrusted, or notes. */
  reason: string;
  reasonEn: string;
  /** The certificate was valid at `judgedAt` (name kept from the first version; it is no longer the unsigned time). */
  certValidAtSigningTime: boolean | null;
  /** The SigningTime written in the file (ISO); informative only unless `timeSource` is 'signed-time'. */
  signingTime: string | null;
  /** The instant the certificate's dates were judged at, and where it came from. */
  judgedAt: string | null;
  timeSource: 'signed-time' | 'receipt-time' | null;
  /** A path to a trust anchor was built and checked. */
  trusted: boolean;
  /** trusted | untrusted (intact, issuer not verified) | invalid. */
  state: 'trusted' | 'untrusted' | 'invalid';
  chain: ChainLink[];
  revocation: 'not-checked';
  paperCopyRequired?: boolean;
}

export interface VerifyReport {
  valid: boolean;
  trusted: boolean;
  files: VerifiedFile[];
}

export interface VerifyOptions {
  name?: string;
  maxBytes?: number;
  /** Trust anchors (the store, the test CA restricted to the test certificate). */
  anchors?: readonly TrustAnchor[];
  /** PEM certificates of further CAs trusted without restriction (tests, the training server). */
  trustedCaPems?: string[];
  /** The receipt time: certificate dates are judged at it when no signed SigningTime exists. */
  now?: Date;
  /** Serial numbers (hex) of certificates that mark a paper-copy dossier (the bundled test certificate). */
  testCertSerials?: string[];
}

interface SigParts {
  canonicalSignedInfo: string;
  c14nMethod?: string;
  signatureMethod?: string;
  references: { uri: string | undefined; transforms: string[]; digestMethod?: string; digestValue?: string }[];
  signatureValue?: string;
  certificates: string[];
  modulus?: string;
  exponent?: string;
  /** SigningTime text and the Ids of the elements enclosing it inside its Object (for a covering Reference). */
  signingTime?: string;
  signingTimeIds?: string[];
  /** Canonical form of each referenced (`#id`) element inside an Object. */
  objects: Map<string, string>;
  /**
   * The same for a referenced Object, canonicalised as if the Signature stood alone (only its own namespace in
   * scope): how a signer that digests the Signature before inserting it computes (the eBH M01B-HSB in
   * tests/fixtures/real) — told apart from tampering in the reason, still refused.
   */
  detachedObjects: Map<string, string>;
  /** An Id value carried by two elements of the Signature: a `#id` Reference would be ambiguous. */
  duplicateId?: string | null;
  /** Object children of the Signature (the profile has one, carrying SigningTime). */
  objectCount: number;
  /** The Signature's children in order (ns '' when none): XML-DSig §4.1 fixes their names, namespace and order. */
  children: { ns: string; local: string }[];
}

const NULL_SINK = { write() {} };

/**
 * A Signature's text beyond this is refused unread. A real one is 4–8 KB (one certificate, a few with a chain); the
 * cap keeps a crafted one (a 200 MB X509Certificate, thousands of Objects) from costing memory or time
 * (crafted-dos.test.ts).
 */
export const MAX_SIGNATURE_CHARS = 1 << 20;
/** Certificates a KeyInfo may carry: the signer's and a path of intermediates (chain.ts follows at most 8). */
const MAX_CERTIFICATES = 9;

/**
 * One verification's certificates, parsed once: a dossier's envelope and forms are normally signed with one
 * certificate, and parsing it (and building its path) per form made thousands of embedded forms cost seconds
 * (crafted-dos.test.ts).
 */
class CertMemo {
  private readonly certs = new Map<string, { info: CertInfo; key: KeyObject } | null>();
  private readonly chains = new Map<string, ReturnType<typeof buildChain>>();
  constructor(readonly anchors: readonly TrustAnchor[]) {}

  cert(b64: string): { info: CertInfo; key: KeyObject } | null {
    let c = this.certs.get(b64);
    if (c === undefined) {
      try {
        const info = readCertificate(Buffer.from(b64, 'base64'));
        c = { info, key: new X509Certificate(info.der).publicKey };
      } catch {
        c = null;
      }
      this.certs.set(b64, c);
    }
    return c;
  }

  chain(leaf: CertInfo, leafB64: string, extra: string[], at: Date): ReturnType<typeof buildChain> {
    const key = [leafB64, ...extra, at.toISOString()].join('|');
    let c = this.chains.get(key);
    if (!c) {
      c = buildChain(
        leaf.der,
        extra.map((x) => Buffer.from(x, 'base64')),
        this.anchors,
        at,
      );
      this.chains.set(key, c);
    }
    return c;
  }
}

const ID_ATTRIBUTES = ['Id', 'ID', 'id'] as const;

/**
 * XML-DSig §4.1: a Signature holds `SignedInfo, SignatureValue, KeyInfo?, Object*`, all in the XML-DSig namespace.
 * A child outside it — Thái Sơn's SmartCA files write `<Object xmlns="">` (tests/fixtures/real, ERS 525eb88a) — is
 * not part of a signature by the schema: xmlsec1 refuses it ("unexpected node"), so BHXH's checker may too. It is
 * unsigned either way (outside SignedInfo's references).
 */
const DSIG_CHILDREN = /^(SignedInfo )(SignatureValue )(KeyInfo )?(Object )*$/;
function misfitChild(children: SigParts['children']): { vi: string; en: string } | null {
  const foreign = children.find((c) => c.ns !== DSIG_NS);
  if (foreign)
    return {
      vi: `<${foreign.local}> trong <Signature> không thuộc không gian tên XML-DSig (${foreign.ns ? `"${foreign.ns}"` : 'xmlns=""'}) — sai cấu trúc chữ ký chuẩn, BHXH có thể từ chối`,
      en: `<${foreign.local}> inside <Signature> is outside the XML-DSig namespace (${foreign.ns ? `"${foreign.ns}"` : 'xmlns=""'}) — not a standard signature structure, BHXH may refuse it`,
    };
  const seq = children.map((c) => `${c.local} `).join('');
  if (DSIG_CHILDREN.test(seq)) return null;
  return {
    vi: `Các thẻ con của <Signature> sai thứ tự chuẩn XML-DSig (SignedInfo, SignatureValue, KeyInfo, Object): ${seq.trim() || 'không có'}`,
    en: `The children of <Signature> are not in XML-DSig order (SignedInfo, SignatureValue, KeyInfo, Object): ${seq.trim() || 'none'}`,
  };
}

/** One linear pass over the Signature (Ids in a Set, only referenced elements canonicalised). */
function readSignature(xml: string, sig: ElementInfo, end: number, latin1: boolean): SigParts {
  const text = xml.slice(sig.start, end);
  const parts: SigParts = {
    canonicalSignedInfo: '',
    references: [],
    certificates: [],
    objects: new Map(),
    detachedObjects: new Map(),
    objectCount: 0,
    children: [],
  };
  let signedInfo: ElementInfo | null = null;
  let signedInfoEnd = -1;
  let ref: SigParts['references'][number] | null = null;
  // Own Id per depth inside the Signature (depth 0 = Signature); elements with an Id in an Object may be referenced.
  const ids: (string | undefined)[] = [];
  const inObject: boolean[] = [];
  const seenIds = new Set<string>();
  // `#id` targets named by the References (SignedInfo comes first, XML-DSig §4.1): only those are canonicalised.
  const wanted = new Set<string>();
  const referable = new Map<ElementInfo, string>();
  const ctx = { ns: sig.scope, xmlAttrs: sig.xmlAttrs };
  let duplicateId: string | null = null;
  walkC14n(text, NULL_SINK, {
    latin1,
    context: ctx,
    hooks: {
      start(el) {
        const ds = el.ns === DSIG_NS;
        ids[el.depth] = el.attr('Id');
        inObject[el.depth] = el.depth === 1 ? el.local === 'Object' : el.depth > 1 && inObject[el.depth - 1] === true;
        if (el.depth === 1 && el.local === 'Object') parts.objectCount++;
        if (el.depth === 1) parts.children.push({ ns: el.ns, local: el.local });
        const id = ids[el.depth];
        if (id !== undefined && inObject[el.depth] && wanted.has(id)) referable.set(el, id);
        // .NET SignedXml (BHXH's side) also resolves `#x` to an `ID` or `id` attribute: all three must be unique.
        for (const name of ID_ATTRIBUTES) {
          const v = el.attr(name);
          if (v === undefined) continue;
          if (seenIds.has(v)) duplicateId ??= v;
          seenIds.add(v);
        }
        if (ds && el.local === 'SignedInfo' && el.depth === 1 && !signedInfo) signedInfo = el;
        else if (ds && el.local === 'CanonicalizationMethod' && el.depth === 2) parts.c14nMethod = el.attr('Algorithm');
        else if (ds && el.local === 'SignatureMethod' && el.depth === 2) parts.signatureMethod = el.attr('Algorithm');
        else if (ds && el.local === 'Reference' && el.depth === 2) {
          ref = { uri: el.attr('URI'), transforms: [] };
          parts.references.push(ref);
          if (ref.uri?.startsWith('#')) wanted.add(ref.uri.slice(1));
        } else if (ds && el.local === 'Transform' && ref) ref.transforms.push(el.attr('Algorithm') ?? '');
        else if (ds && el.local === 'DigestMethod' && ref) ref.digestMethod = el.attr('Algorithm');
        // Never from inside an Object: it is not signed (only a referenced SigningTime counts, below).
        else if (
          ds &&
          !inObject[el.depth] &&
          ['DigestValue', 'SignatureValue', 'X509Certificate', 'Modulus', 'Exponent'].includes(el.local)
        )
          return 'capture';
        else if (el.local === 'SigningTime' && inObject[el.depth] && parts.signingTime === undefined) {
          // Any enclosing element with an Id, up to the Object: a Reference to one of them signs the time.
          parts.signingTimeIds = ids.slice(1, el.depth + 1).filter((x): x is string => x !== undefined);
          return 'capture';
        }
      },
      end(el, e) {
        if (el === signedInfo) signedInfoEnd = e;
        if (el.local === 'Reference') ref = null;
        const id = referable.get(el);
        if (id !== undefined) {
          const xml = text.slice(el.start, e);
          parts.objects.set(id, canonicalize(xml, { context: { ns: el.scope, xmlAttrs: el.xmlAttrs }, latin1 }));
          if (el.depth === 1)
            parts.detachedObjects.set(
              id,
              canonicalize(xml, { context: { ns: new Map([[sig.prefix, sig.ns]]), xmlAttrs: new Map() }, latin1 }),
            );
        }
      },
      captured(el, t) {
        const v = t.replace(/\s+/g, '');
        if (el.local === 'DigestValue' && ref) ref.digestValue = v;
        else if (el.local === 'SignatureValue') parts.signatureValue = v;
        else if (el.local === 'X509Certificate') parts.certificates.push(v);
        else if (el.local === 'Modulus') parts.modulus = v;
        else if (el.local === 'Exponent') parts.exponent = v;
        else if (el.local === 'SigningTime') parts.signingTime = t.trim();
      },
    },
  });
  parts.duplicateId = duplicateId;
  if (signedInfo) {
    const si = signedInfo as ElementInfo;
    parts.canonicalSignedInfo = canonicalize(text.slice(si.start, signedInfoEnd), { context: ctx, latin1 });
  }
  return parts;
}

/**
 * SigningTime as an instant. eBH writes local time without a zone (`2024-09-24T14:27:15`); BHXH is a Vietnamese
 * system, so a zoneless time is read as Vietnam time (UTC+7, no daylight saving) — an inference, see docs/security.md.
 */
function parseSigningTime(t: string | undefined): Date | null {
  return t ? parseInstantVN(t) : null;
}

type Problem = { vi: string; en: string };

function result(
  name: string,
  partial: Partial<VerifiedFile>,
  problems: Problem[],
  trustProblem: Problem | null = null,
): VerifiedFile {
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
    judgedAt: null,
    timeSource: null,
    trusted: false,
    state: 'invalid',
    chain: [],
    revocation: 'not-checked',
    ...partial,
  };
  base.valid =
    problems.length === 0 && base.digestValid && base.signatureValid && base.certValidAtSigningTime !== false;
  if (!base.valid) base.trusted = false;
  base.state = !base.valid ? 'invalid' : base.trusted ? 'trusted' : 'untrusted';
  if (problems.length) {
    base.reason = problems.map((p) => p.vi).join('; ');
    base.reasonEn = problems.map((p) => p.en).join('; ');
  } else if (!base.trusted) {
    base.reason = `${UNTRUSTED_NOTE}${trustProblem ? `: ${trustProblem.vi}` : ''}`;
    base.reasonEn = `${UNTRUSTED_NOTE_EN}${trustProblem ? `: ${trustProblem.en}` : ''}`;
  } else {
    base.reason = 'Chữ ký hợp lệ, tổ chức cấp tin cậy (chưa kiểm tra thu hồi)';
    base.reasonEn = 'Valid signature, trusted issuer (revocation not checked)';
  }
  return base;
}

/** Reads one document strictly (hashing its canonical form in the same pass). */
function scanDocument(xml: string, latin1: boolean, source?: Buffer): { reading: DossierReading; digest: Buffer } {
  const sink = latin1 && source ? Sha256Sink.over(source) : new Sha256Sink(latin1 ? 'latin1' : 'utf8');
  const reading = readSignedXml(xml, { latin1, sink, forms: false, rows: false });
  return { reading, digest: sink.digest() };
}

/** Verifies one signed document whose Signature follows the profile. Never throws for a bad signature. */
function verifyDocument(
  xml: string,
  latin1: boolean,
  name: string,
  opts: VerifyOptions,
  memo: CertMemo,
  scan: { reading: DossierReading; digest: Buffer },
): VerifiedFile {
  const problems: Problem[] = [];
  const sig = scan.reading.signature;
  if (!sig || sig.end < 0) {
    return result(name, {}, [
      { vi: 'Tệp chưa được ký số (không có thẻ Signature)', en: 'The file is not signed (no Signature element)' },
    ]);
  }
  if (scan.reading.signatures > 1)
    problems.push({
      vi: `Tệp có ${scan.reading.signatures} chữ ký — hồ sơ BHXH chỉ có một chữ ký mỗi tệp`,
      en: `${scan.reading.signatures} signatures — one per file expected`,
    });
  const placement = misplaced(scan.reading, sig.element);
  if (placement) problems.push(placement);
  const sigChars = sig.end - sig.element.start;
  if (sigChars > MAX_SIGNATURE_CHARS) {
    return result(name, {}, [
      ...problems,
      {
        vi: `Thẻ <Signature> quá lớn (${Math.ceil(sigChars / 1024)} KB, tối đa ${MAX_SIGNATURE_CHARS / 1024} KB) — bị từ chối, không đọc`,
        en: `<Signature> too large (${Math.ceil(sigChars / 1024)} KB, limit ${MAX_SIGNATURE_CHARS / 1024} KB) — refused unread`,
      },
    ]);
  }
  const parts = readSignature(xml, sig.element, sig.end, latin1);
  if (parts.duplicateId)
    problems.push({
      vi: `Chữ ký có hai phần tử cùng Id="${parts.duplicateId}" — tham chiếu "#${parts.duplicateId}" không rõ trỏ tới đâu`,
      en: `Two elements share Id="${parts.duplicateId}" in the signature — a "#${parts.duplicateId}" reference is ambiguous`,
    });
  if (parts.objectCount > 1)
    problems.push({
      vi: `Chữ ký có ${parts.objectCount} thẻ <Object> — chuẩn BHXH chỉ có một (thời điểm ký)`,
      en: `${parts.objectCount} <Object> elements in the signature — the BHXH profile has one (signing time)`,
    });
  const misfit = misfitChild(parts.children);
  if (misfit) problems.push(misfit);
  if (parts.c14nMethod !== C14N_INCLUSIVE)
    problems.push({
      vi: `<CanonicalizationMethod> không đúng chuẩn BHXH (${parts.c14nMethod ?? 'thiếu'}; cần C14N 1.0 bao hàm)`,
      en: `<CanonicalizationMethod> is not the BHXH profile (${parts.c14nMethod ?? 'missing'}; inclusive C14N 1.0 expected)`,
    });
  if (parts.signatureMethod !== RSA_SHA256)
    problems.push({
      vi: `<SignatureMethod> không phải RSA-SHA256 (${parts.signatureMethod ?? 'thiếu'})`,
      en: `<SignatureMethod> is not RSA-SHA256 (${parts.signatureMethod ?? 'missing'})`,
    });
  const [ref, ...more] = parts.references;
  let digestValid = false;
  let signedTime: Date | null = null;
  if (!ref || more.length > 1) {
    problems.push({
      vi: `Chữ ký phải có một Reference tới toàn tài liệu (và tùy chọn một tới SigningTime) — có ${parts.references.length}`,
      en: `One whole-document Reference (and optionally one to SigningTime) expected, found ${parts.references.length}`,
    });
  } else if (ref.uri !== '') {
    // Nothing is fetched: only the whole document (URI="") is a valid first target in this profile.
    problems.push(
      ref.uri === undefined
        ? {
            vi: '<Reference> thiếu thuộc tính URI — chuẩn BHXH ký toàn tài liệu (URI="")',
            en: '<Reference> has no URI — the BHXH profile signs the whole document (URI="")',
          }
        : ref.uri.startsWith('#')
          ? {
              vi: `<Reference URI="${ref.uri}"> chỉ trỏ tới một phần tài liệu — chuẩn BHXH ký toàn tài liệu (URI="")`,
              en: `<Reference URI="${ref.uri}"> points to part of the document — the BHXH profile signs all of it (URI="")`,
            }
          : {
              vi: `Chữ ký tham chiếu ra ngoài tài liệu (URI="${ref.uri}") — bị từ chối, không tải về`,
              en: `External reference (URI="${ref.uri}") refused, not fetched`,
            },
    );
  } else {
    const okTransforms =
      ref.transforms.length >= 1 &&
      ref.transforms[0] === ENVELOPED_SIGNATURE &&
      ref.transforms.slice(1).every((t) => t === C14N_INCLUSIVE);
    if (!okTransforms)
      problems.push({
        vi: `<Transforms> không đúng chuẩn BHXH (${ref.transforms.join(', ') || 'trống'}; cần enveloped-signature)`,
        en: `<Transforms> are not the BHXH profile (${ref.transforms.join(', ') || 'none'}; enveloped-signature expected)`,
      });
    if (ref.digestMethod !== SHA256_DIGEST)
      problems.push({
        vi: `<DigestMethod> không phải SHA-256 (${ref.digestMethod ?? 'thiếu'})`,
        en: `<DigestMethod> is not SHA-256 (${ref.digestMethod ?? 'missing'})`,
      });
    digestValid =
      okTransforms &&
      ref.digestMethod === SHA256_DIGEST &&
      !!ref.digestValue &&
      scan.digest.toString('base64') === ref.digestValue;
    if (!digestValid && okTransforms && ref.digestMethod === SHA256_DIGEST) {
      problems.push({
        vi: 'Mã băm không khớp: nội dung tệp đã bị sửa sau khi ký',
        en: 'Digest mismatch: the content was changed after signing',
      });
    }
    const timeRef = more[0];
    if (timeRef) {
      // eBH's second Reference (`#SigningTime-…`) signs the Object that carries SigningTime (addendum 2 item 8).
      const id = /^#([A-Za-z_][\w.-]*)$/.exec(timeRef.uri ?? '')?.[1];
      const canonical = id ? parts.objects.get(id) : undefined;
      const okT = timeRef.transforms.every((t) => t === C14N_INCLUSIVE);
      if (!id || canonical === undefined || !okT || timeRef.digestMethod !== SHA256_DIGEST) {
        problems.push({
          vi: `Reference thứ hai (URI="${timeRef.uri ?? ''}") không trỏ tới phần SigningTime trong chữ ký`,
          en: `The second Reference (URI="${timeRef.uri ?? ''}") does not point to the signature's SigningTime`,
        });
      } else {
        const d = createHashB64(Buffer.from(canonical, latin1 ? 'latin1' : 'utf8'));
        const detached = parts.detachedObjects.get(id);
        if (
          d !== timeRef.digestValue &&
          detached !== undefined &&
          detached !== canonical &&
          createHashB64(Buffer.from(detached, latin1 ? 'latin1' : 'utf8')) === timeRef.digestValue
        )
          problems.push({
            vi: 'Mã băm phần thời điểm ký (SigningTime) không khớp theo chuẩn XML-DSig: phần mềm ký đã tính nó khi chữ ký chưa gắn vào tệp (thiếu các khai báo không gian tên của thẻ gốc) — phần này không bị sửa, lỗi ở phần mềm ký; BHXH có thể từ chối',
            en: 'The signed SigningTime digest does not match by the XML-DSig standard: the signing software computed it before the signature was inserted (without the root element’s namespace declarations) — that part was not changed, the signer is at fault; BHXH may refuse it',
          });
        else if (d !== timeRef.digestValue)
          problems.push({
            vi: 'Mã băm phần thời điểm ký (SigningTime) không khớp: đã bị sửa sau khi ký',
            en: 'The signed SigningTime digest does not match: changed after signing',
          });
        else if (parts.signingTimeIds?.includes(id)) signedTime = parseSigningTime(parts.signingTime);
        else if (parts.signingTime !== undefined)
          // ID wrapping: the signed Object moved inside another, an unsigned SigningTime read first (crafted-wrapping).
          problems.push({
            vi: `<SigningTime> đầu tiên nằm ngoài phần được ký (#${id}) — thời điểm ký bị giả`,
            en: `The first <SigningTime> is outside the signed element (#${id}) — a forged signing time`,
          });
      }
    }
  }
  const parsed = parts.certificates[0] ? memo.cert(parts.certificates[0]) : null;
  const cert: CertInfo | null = parsed?.info ?? null;
  let signatureValid = false;
  if (!cert)
    problems.push({
      vi: 'Không đọc được chứng thư số trong chữ ký (X509Certificate)',
      en: 'No readable X509Certificate in the signature',
    });
  else if (!parts.signatureValue) problems.push({ vi: 'Thiếu giá trị chữ ký', en: 'Missing SignatureValue' });
  else {
    signatureValid =
      parts.signatureMethod === RSA_SHA256 &&
      rsaVerify(
        'sha256',
        Buffer.from(parts.canonicalSignedInfo, latin1 ? 'latin1' : 'utf8'),
        parsed!.key,
        Buffer.from(parts.signatureValue, 'base64'),
      );
    if (!signatureValid)
      problems.push({
        vi: 'Giá trị chữ ký không khớp với chứng thư số',
        en: 'The signature value does not verify with the certificate',
      });
    // KeyValue is what a verifier without X.509 checking uses (xmlsec1's default): it must be the certificate's key,
    // modulus and exponent alike (crafted-keyinfo.test.ts).
    if (
      (parts.modulus !== undefined && !sameInteger(parts.modulus, cert.modulus)) ||
      (parts.exponent !== undefined && !sameInteger(parts.exponent, cert.exponent))
    ) {
      problems.push({
        vi: 'Khóa công khai trong <KeyValue> khác khóa của chứng thư số (<X509Certificate>)',
        en: '<KeyValue> differs from the key of the <X509Certificate>',
      });
    }
  }
  const claimed = parseSigningTime(parts.signingTime);
  // Never the unsigned SigningTime: a signed one, else the receipt time.
  const judgedAt = signedTime ?? opts.now ?? new Date();
  const timeSource = signedTime ? ('signed-time' as const) : ('receipt-time' as const);
  let certValidAtSigningTime: boolean | null = null;
  let trusted = false;
  let chain: ChainLink[] = [];
  let trustProblem: Problem | null = null;
  if (cert) {
    // RFC 5280 §4.2.1.3: a key whose keyUsage has neither digitalSignature nor nonRepudiation must not be used to
    // verify signatures on data (e.g. an encryption-only certificate); the signer already refuses such a key.
    if (!cert.canSign)
      problems.push({
        vi: `Chứng thư số không được phép dùng để ký (keyUsage: ${cert.keyUsage?.join(', ') || 'trống'}; thiếu digitalSignature/nonRepudiation)`,
        en: `The certificate may not sign (keyUsage: ${cert.keyUsage?.join(', ') || 'empty'}; no digitalSignature/nonRepudiation)`,
      });
    const v = validityAt(cert.notBefore, cert.notAfter, judgedAt);
    certValidAtSigningTime = v === 'valid';
    const when = timeSource === 'signed-time' ? 'vào thời điểm ký (đã được ký)' : 'vào thời điểm nhận hồ sơ';
    const whenEn = timeSource === 'signed-time' ? 'at the signed signing time' : 'at the receipt time';
    if (v === 'expired')
      problems.push({ vi: `Chứng thư số đã hết hạn ${when}`, en: `The certificate had expired ${whenEn}` });
    if (v === 'not-yet-valid')
      problems.push({ vi: `Chứng thư số chưa có hiệu lực ${when}`, en: `The certificate was not yet valid ${whenEn}` });
    const extra = parts.certificates.slice(1);
    if (parts.certificates.length > MAX_CERTIFICATES) {
      problems.push({
        vi: `<KeyInfo> có ${parts.certificates.length} chứng thư (<X509Certificate>) — tối đa ${MAX_CERTIFICATES}`,
        en: `<KeyInfo> carries ${parts.certificates.length} <X509Certificate> elements — at most ${MAX_CERTIFICATES}`,
      });
    } else {
      const built = memo.chain(cert, parts.certificates[0]!, extra, judgedAt);
      trusted = built.trusted;
      chain = built.chain.slice();
      trustProblem = built.problem;
      const stray = strayCertificate(extra, chain);
      if (stray) problems.push(stray);
    }
  }
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
      signingTime: claimed ? claimed.toISOString() : null,
      judgedAt: cert ? judgedAt.toISOString() : null,
      timeSource: cert ? timeSource : null,
      trusted,
      chain,
      paperCopyRequired: cert ? (opts.testCertSerials ?? []).includes(cert.serial) : false,
    },
    problems,
    trustProblem,
  );
}

/** Two big-endian integers given as Base64 (KeyValue) and bytes (certificate), leading zero bytes ignored. */
function sameInteger(b64: string, bytes: Buffer): boolean {
  const strip = (h: string) => h.replace(/^(00)+/, '');
  return strip(Buffer.from(b64, 'base64').toString('hex')) === strip(bytes.toString('hex'));
}

/**
 * Where the enveloped Signature may be: in the root's `<Cky>` (forms) or `<CKy_Dvi>` (envelope) — domain reference
 * §1.6 — or directly in the root when it has no such holder (our signer's place then). The enveloped-signature
 * transform leaves the Signature out of the digest wherever it is, so a moved Signature still verifies (xmlsec1
 * agrees); a reader that expects it in the holder would then find an unsigned file (crafted-wrapping.test.ts).
 */
function misplaced(reading: DossierReading, sig: ElementInfo): Problem | null {
  const holder = reading.signatureHolder;
  if (sig.depth === 2 && (holder === 'Cky' || holder === 'CKy_Dvi')) return null;
  if (sig.depth === 1 && !reading.hasHolder) return null;
  if (sig.depth === 0)
    return {
      vi: 'Chữ ký (<Signature>) là thẻ gốc của tệp — không có tờ khai hay hồ sơ nào được ký',
      en: 'The <Signature> is the root element — no form or dossier is signed',
    };
  const where = `<${holder}>`;
  const expected = reading.root === 'Hoso' ? 'CKy_Dvi' : 'Cky';
  return {
    vi: `Chữ ký (<Signature>) nằm trong ${where} — theo chuẩn BHXH chữ ký phải nằm trong <${expected}> ngay dưới <${reading.root}>`,
    en: `The <Signature> is inside ${where} — the BHXH profile puts it in <${expected}> directly under <${reading.root}>`,
  };
}

/** Every further certificate in KeyInfo must be on the signer's path (an intermediate or the anchor itself). */
function strayCertificate(extra: string[], chain: ChainLink[]): Problem | null {
  const onPath = new Set(chain.map((l) => l.fingerprint));
  for (const [i, b64] of extra.entries()) {
    let fp: string | null = null;
    try {
      fp = fingerprintOf(new X509Certificate(Buffer.from(b64, 'base64')));
    } catch {
      fp = null;
    }
    if (fp === null || !onPath.has(fp))
      return {
        vi: `<X509Certificate> thứ ${i + 2} ${fp === null ? 'không đọc được' : 'không thuộc chuỗi chứng thực của người ký'} — chỉ được kèm chứng thư của tổ chức cấp`,
        en: `<X509Certificate> #${i + 2} ${fp === null ? 'is unreadable' : "is not on the signer's certificate path"} — only issuer certificates may be added`,
      };
  }
  return null;
}

function createHashB64(b: Buffer): string {
  return createHash('sha256').update(b).digest('base64');
}

function anchorsOf(opts: VerifyOptions): TrustAnchor[] {
  return [
    ...(opts.anchors ?? []),
    ...(opts.trustedCaPems ?? []).map((p) => ({ cert: new X509Certificate(p), source: 'option' as const })),
  ];
}

/** Envelope + every embedded form, or one signed form. Hostile or malformed input throws an AppError. */
export function verifyDossierXml(bytes: Buffer | string, options: VerifyOptions = {}): VerifyReport {
  // One receipt instant for the envelope and every form (and for CertMemo's path cache).
  const opts: VerifyOptions = { ...options, now: options.now ?? new Date() };
  const max = opts.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  checkSize(typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length, max);
  const latin1 = typeof bytes !== 'string';
  if (latin1) checkUtf8(bytes, opts.name ?? 'Tệp');
  const xml = typeof bytes === 'string' ? bytes : bytes.toString('latin1');
  const memo = new CertMemo(anchorsOf(opts));
  let scan: ReturnType<typeof scanDocument>;
  try {
    scan = scanDocument(xml, latin1, typeof bytes === 'string' ? undefined : bytes);
  } catch (e) {
    throw asAppError(e);
  }
  const isEnvelope = scan.reading.root === 'Hoso';
  const files: VerifiedFile[] = [
    verifyDocument(xml, latin1, opts.name ?? (isEnvelope ? 'BHXHDienTu.xml' : 'tệp'), opts, memo, scan),
  ];
  if (isEnvelope) {
    const envelope = files[0]!;
    if (!scan.reading.files.length && scan.reading.registrationForm === null) {
      // Keep the envelope's own problems (a digest mismatch …) in the reason, not only this one.
      files[0] = result(envelope.name, envelope, [
        ...(envelope.valid ? [] : [{ vi: envelope.reason, en: envelope.reasonEn }]),
        { vi: 'Hồ sơ không có tờ khai nào (FileToKhai)', en: 'The envelope holds no FileToKhai' },
      ]);
    }
    const declared = scan.reading.declaredFileCount;
    const count = scan.reading.files.length;
    if (declared !== null && declared.trim() !== String(count) && scan.reading.registrationForm === null) {
      // As DoDaiFile for each file: the envelope states its own count; a mismatch is a malformed dossier.
      const e = files[0]!;
      files[0] = result(e.name, e, [
        ...(e.valid ? [] : [{ vi: e.reason, en: e.reasonEn }]),
        {
          vi: `SoLuongFile (${declared}) khác số tệp trong hồ sơ (${count} FileToKhai)`,
          en: `SoLuongFile (${declared}) differs from the files in the envelope (${count} FileToKhai)`,
        },
      ]);
    }
    for (const entry of scan.reading.files) files.push(verifyEmbedded(entry, opts, memo, max, envelope));
  }
  return { valid: files.every((f) => f.valid), trusted: files.every((f) => f.trusted), files };
}

function verifyEmbedded(
  f: DossierFile,
  opts: VerifyOptions,
  memo: CertMemo,
  max: number,
  envelope: VerifiedFile,
): VerifiedFile {
  const name = f.fileName || f.code || '(không tên)';
  const b64 = f.base64;
  const isXml = f.fileType.toLowerCase() === '.xml' || /\.xml$/i.test(name);
  const problems: Problem[] = [];
  const hasSpace = /\s/.test(b64);
  if (hasSpace)
    problems.push({
      vi: 'Nội dung Base64 có xuống dòng — cổng BHXH từ chối (lỗi 125)',
      en: 'Base64 content has line breaks — the BHXH gateway rejects it (error 125)',
    });
  const clean = hasSpace ? b64.replace(/\s+/g, '') : b64;
  if (f.declaredLength !== null && String(clean.length) !== f.declaredLength) {
    problems.push({
      vi: `DoDaiFile (${f.declaredLength}) khác độ dài Base64 (${clean.length})`,
      en: `DoDaiFile (${f.declaredLength}) differs from the Base64 length (${clean.length})`,
    });
  }
  // Node's decoder skips invalid characters, so a decoded length short of what the text length promises means bad Base64.
  const decoded = Buffer.from(clean, 'base64');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  if (clean.length % 4 !== 0 || decoded.length !== (clean.length / 4) * 3 - pad) {
    return result(name, {}, [
      ...problems,
      { vi: 'Nội dung tệp không phải Base64 hợp lệ', en: 'The file content is not valid Base64' },
    ]);
  }
  if (!isXml) {
    // Attachments (CT-DK pdf/docx…) carry no signature of their own; the envelope signature covers them.
    const r = result(
      name,
      {
        digestValid: envelope.digestValid,
        signatureValid: envelope.signatureValid,
        certValidAtSigningTime: envelope.certValidAtSigningTime,
        trusted: envelope.trusted,
        chain: envelope.chain,
      },
      envelope.valid
        ? problems
        : [...problems, { vi: 'Chữ ký của hồ sơ không hợp lệ', en: 'The envelope signature is invalid' }],
    );
    if (!problems.length && r.valid)
      return {
        ...r,
        reason: 'Tệp đính kèm, được bảo vệ bởi chữ ký của hồ sơ',
        reasonEn: 'Attachment, covered by the envelope signature',
      };
    return r;
  }
  if (decoded.length > max) {
    return result(name, {}, [
      ...problems,
      { vi: 'Tờ khai nhúng quá lớn — bị từ chối', en: 'Embedded form too large — refused' },
    ]);
  }
  // A form that cannot be read strictly makes the whole dossier unreadable: what it hides must not pass as a row.
  checkUtf8(decoded, name);
  const xml = decoded.toString('latin1');
  let scan: ReturnType<typeof scanDocument>;
  try {
    scan = scanDocument(xml, true, decoded);
    // A dossier inside a dossier is refused, not verified as a form (the shared reader refuses it the same way).
    if (scan.reading.root === 'Hoso') throw nestedDossier(xml);
  } catch (e) {
    if (e instanceof XmlInputError) {
      throw new AppError(e.code, `${name}: ${e.message}`, {
        en: `${name}: ${e.messageEn}`,
        details: { file: name, line: e.line, column: e.column },
      });
    }
    throw e;
  }
  const r = verifyDocument(xml, true, name, opts, memo, scan);
  if (!problems.length) return r;
  return result(name, r, [...problems, ...(r.valid ? [] : [{ vi: r.reason, en: r.reasonEn }])]);
}

export { DEFAULT_MAX_XML_BYTES };
