/**
 * The BHXH signature profile (domain reference §1.6, observed in the ERS sample files and CA2SignUtilities.cs
 * `CreateSignedInfo_BHXH`): enveloped XMLDSig, `Reference URI=""`, inclusive C14N 1.0, SHA-256, RSA-SHA256, default
 * namespace (no `ds:` prefix), KeyInfo with RSAKeyValue and X509Data, and a SigningTime Object. Unlike the CA2
 * samples (whose Object is unsigned), our SigningTime is signed by a second Reference to the Object's Id, as eBH's real
 * 01B-HSB files do (domain reference addendum 2 item 8): the verifier then judges certificate dates at that signed time.
 */
import { escapeAttr, escapeText } from './c14n';

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const C14N_INCLUSIVE = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const SHA256_DIGEST = 'http://www.w3.org/2001/04/xmlenc#sha256';
export const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const SIGNING_TIME_NS = 'http://example.org/#signatureProperties';
export const SIGNATURE_ID = 'sigid';
/** Id of the Object carrying SigningTime (eBH's `SigningTime-…` form); one signature per file, so unique. */
export const SIGNING_TIME_OBJECT_ID = `SigningTime-${SIGNATURE_ID}`;

/** Elements that receive the signature: `<Cky>` of a form, `<CKy_Dvi>` of the Hoso envelope (§1.1). */
export const SIGNATURE_HOLDERS = ['Cky', 'CKy_Dvi'] as const;

/**
 * SignedInfo as written inside `<Signature xmlns=DSIG_NS>` — already in canonical shape (explicit end tags). With
 * `timeDigestBase64`, a second Reference signs the SigningTime Object (same-document, default inclusive C14N).
 */
export function signedInfoXml(digestBase64: string, timeDigestBase64?: string): string {
  return (
    '<SignedInfo>' +
    `<CanonicalizationMethod Algorithm="${C14N_INCLUSIVE}"></CanonicalizationMethod>` +
    `<SignatureMethod Algorithm="${RSA_SHA256}"></SignatureMethod>` +
    '<Reference URI="">' +
    `<Transforms><Transform Algorithm="${ENVELOPED_SIGNATURE}"></Transform></Transforms>` +
    `<DigestMethod Algorithm="${SHA256_DIGEST}"></DigestMethod>` +
    `<DigestValue>${digestBase64}</DigestValue>` +
    '</Reference>' +
    (timeDigestBase64 === undefined
      ? ''
      : `<Reference URI="#${SIGNING_TIME_OBJECT_ID}"><DigestMethod Algorithm="${SHA256_DIGEST}"></DigestMethod><DigestValue>${timeDigestBase64}</DigestValue></Reference>`) +
    '</SignedInfo>'
  );
}

export interface SignatureParts {
  signedInfo: string;
  signatureValueBase64: string;
  modulusBase64: string;
  exponentBase64: string;
  subjectName: string;
  certificateBase64: string;
  /** UTC, `yyyy-MM-ddTHH:mm:ssZ`. */
  signingTime: string;
}

export function signatureXml(p: SignatureParts): string {
  return (
    `<Signature Id="${SIGNATURE_ID}" xmlns="${DSIG_NS}">` +
    p.signedInfo +
    `<SignatureValue>${p.signatureValueBase64}</SignatureValue>` +
    '<KeyInfo>' +
    `<KeyValue><RSAKeyValue><Modulus>${p.modulusBase64}</Modulus><Exponent>${p.exponentBase64}</Exponent></RSAKeyValue></KeyValue>` +
    `<X509Data><X509SubjectName>${escapeText(p.subjectName)}</X509SubjectName><X509Certificate>${p.certificateBase64}</X509Certificate></X509Data>` +
    '</KeyInfo>' +
    signingTimeObjectXml(p.signingTime) +
    '</Signature>'
  );
}

/** The Object carrying SigningTime, in canonical shape; its canonical form in context is what the second Reference signs. */
export function signingTimeObjectXml(signingTime: string): string {
  return (
    `<Object Id="${SIGNING_TIME_OBJECT_ID}"><SignatureProperties Id="proid" xmlns=""><SignatureProperty Target="#${escapeAttr(SIGNATURE_ID)}">` +
    `<SigningTime xmlns="${SIGNING_TIME_NS}">${signingTime}</SigningTime>` +
    '</SignatureProperty></SignatureProperties></Object>'
  );
}

/** `yyyy-MM-ddTHH:mm:ssZ` (UTC, no milliseconds) as in the samples. */
export function signingTimeText(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
