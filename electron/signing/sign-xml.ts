/**
 * Enveloped signature of one XML document in the BHXH profile (domain reference §1.6): the Signature goes into the
 * root's `<Cky>` (forms) or `<CKy_Dvi>` (envelope), else it is appended to the root. The digest is the inclusive
 * C14N of the document as given (with the empty holder), computed in one streaming pass; the bytes around the
 * insertion point, the XML declaration included, are kept exactly as they were.
 */
import { walkC14n, canonicalize, type ElementInfo } from '../../shared/signing/c14n';
import {
  DSIG_NS,
  SIGNATURE_HOLDERS,
  signatureXml,
  signedInfoXml,
  signingTimeObjectXml,
  signingTimeText,
} from '../../shared/signing/profile';
import { createHash } from 'node:crypto';
import { AppError } from '../core/app-error';
import type { Signer } from './signer';
import { asAppError, checkUtf8, Sha256Sink } from './xml-input';

interface Found {
  root: ElementInfo | null;
  rootEnd: number;
  holder: ElementInfo | null;
  holderEnd: number;
  signed: boolean;
}

/** One pass: canonical digest + where the signature goes. */
export function prepareSignature(xml: string, latin1 = false, source?: Buffer): { digest: Buffer; found: Found } {
  const found: Found = { root: null, rootEnd: -1, holder: null, holderEnd: -1, signed: false };
  const sink = latin1 && source ? Sha256Sink.over(source) : new Sha256Sink(latin1 ? 'latin1' : 'utf8');
  try {
    // Strict: we never sign what the shared dossier reader would refuse (comments, PIs, CDATA, non-UTF-8).
    walkC14n(xml, sink, { hooks: findHooks(found), latin1, strict: true });
  } catch (e) {
    throw asAppError(e);
  }
  return { digest: sink.digest(), found };
}

export interface SignedParts {
  /** The input up to the insertion point (unchanged bytes). */
  head: string;
  /** The Signature element, or `<Holder>` + Signature + `</Holder>` when the holder was self-closing. */
  signature: string;
  /** The rest of the input (unchanged). */
  tail: string;
}

export interface SignOptions {
  /**
   * Placeholder → real text substituted in the digest only (the text must need no escaping, e.g. Base64). Lets the
   * dossier maker sign an envelope built around short placeholders and splice the large Base64 bodies in as bytes.
   */
  substitute?: ReadonlyMap<string, string | Buffer>;
}

/** Base64 of `bytes` in pieces (3-byte aligned, so the pieces concatenate to the one-line Base64). */
export function forEachBase64Chunk(bytes: Buffer, fn: (chunk: string) => void): void {
  const step = 3 * 65536;
  for (let i = 0; i < bytes.length; i += step) fn(bytes.subarray(i, i + step).toString('base64'));
}

export function base64Length(n: number): number {
  return 4 * Math.ceil(n / 3);
}

export async function signXml(xml: string, signer: Signer, now: Date): Promise<string> {
  const p = await signXmlParts(xml, signer, now);
  return p.head + p.signature + p.tail;
}

/**
 * Signs UTF-8 bytes and returns the signed bytes. The walk runs over the bytes viewed as Latin-1 (one char per
 * byte): no UTF-16 copy of a large form, hashing without re-encoding, and the unchanged parts copied as bytes.
 */
export async function signXmlBytes(bytes: Buffer, signer: Signer, now: Date): Promise<Buffer> {
  checkUtf8(bytes, 'Tệp');
  const view = bytes.toString('latin1');
  const at = await locateAndSign(view, signer, now, prepareSignature(view, true, bytes), true);
  const mid =
    at.open !== null
      ? [Buffer.from(at.open, 'latin1'), Buffer.from(at.middle, 'utf8')]
      : [Buffer.from(at.middle, 'utf8')];
  return Buffer.concat([bytes.subarray(0, at.headEnd), ...mid, bytes.subarray(at.tailStart)]);
}

export async function signXmlParts(
  xml: string,
  signer: Signer,
  now: Date,
  opts: SignOptions = {},
): Promise<SignedParts> {
  const at = await locateAndSign(
    xml,
    signer,
    now,
    opts.substitute?.size ? prepareWithSubstitutes(xml, opts.substitute) : prepareSignature(xml),
    false,
  );
  return { head: xml.slice(0, at.headEnd), signature: (at.open ?? '') + at.middle, tail: xml.slice(at.tailStart) };
}

export interface Insertion {
  headEnd: number;
  tailStart: number;
  /** Source text of a self-closing holder's start tag without `/>` (same encoding as the input), else null. */
  open: string | null;
  /** The Signature (with `>` and the holder's end tag when the holder was self-closing). */
  middle: string;
}

async function locateAndSign(
  xml: string,
  signer: Signer,
  now: Date,
  prepared: { digest: Buffer; found: Found },
  latin1: boolean,
): Promise<Insertion> {
  const { digest, found } = prepared;
  if (found.signed) throw alreadySigned();
  const root = found.root!;
  const parent = found.holder ?? root;
  const sig = await signatureFor(parent, digest, signer, now, latin1);
  return insertSignature(xml, parent, parent === root ? found.rootEnd : found.holderEnd, sig);
}

/**
 * The Signature element for a document whose canonical digest is `digest`, to be placed as a child of `parent`.
 * Exported for the streaming dossier writer, which hashes the document itself.
 */
export async function signatureFor(
  parent: ElementInfo,
  digest: Buffer,
  signer: Signer,
  now: Date,
  latin1 = false,
): Promise<string> {
  // SignedInfo is canonicalised in document context: it inherits the namespaces in scope at its parent.
  const scope = new Map(parent.scope);
  scope.set('', DSIG_NS);
  const context = { ns: scope, xmlAttrs: parent.xmlAttrs };
  const enc = latin1 ? 'latin1' : 'utf8';
  // The SigningTime is signed (second Reference to its Object), so a verifier judges the certificate at this time
  // rather than at receipt (issue #12 item 2). The Object, like SignedInfo, is canonicalised in document context.
  const signingTime = signingTimeText(now);
  const canonicalObject = canonicalize(signingTimeObjectXml(signingTime), { context, latin1 });
  const timeDigest = createHash('sha256').update(Buffer.from(canonicalObject, enc)).digest('base64');
  const signedInfo = signedInfoXml(digest.toString('base64'), timeDigest);
  // In Latin-1 mode inherited namespace URIs / xml:* values are byte views, so the bytes come back out unchanged.
  const canonicalSignedInfo = canonicalize(signedInfo, { context, latin1 });
  const value = await signer.sign(Buffer.from(canonicalSignedInfo, enc));
  return signatureXml({
    signedInfo,
    signatureValueBase64: value.toString('base64'),
    modulusBase64: signer.cert.modulus.toString('base64'),
    exponentBase64: signer.cert.exponent.toString('base64'),
    subjectName: signer.cert.subjectName,
    certificateBase64: signer.certificateDer.toString('base64'),
    signingTime,
  });
}

/**
 * A small document (an envelope built around placeholders) canonicalised in memory, with where its Signature goes.
 * The streaming dossier writer hashes the canonical text itself, splicing the large Base64 bodies in.
 */
export function canonicalSite(xml: string): { canonical: string; parent: ElementInfo; place(sig: string): Insertion } {
  const found: Found = { root: null, rootEnd: -1, holder: null, holderEnd: -1, signed: false };
  let canonical: string;
  try {
    canonical = canonicalize(xml, { hooks: findHooks(found), strict: true });
  } catch (e) {
    throw asAppError(e);
  }
  if (found.signed) throw alreadySigned();
  const root = found.root!;
  const parent = found.holder ?? root;
  return {
    canonical,
    parent,
    place: (sig) => insertSignature(xml, parent, parent === root ? found.rootEnd : found.holderEnd, sig),
  };
}

/** The in-scope context of `<Cky>` in a form that declares no namespace (what the fast path signs in). */
export function holderOfPlainForm(root: string): ElementInfo {
  const found: Found = { root: null, rootEnd: -1, holder: null, holderEnd: -1, signed: false };
  canonicalize(`<${root}><Cky></Cky></${root}>`, { hooks: findHooks(found) });
  return found.holder!;
}

/** Canonical text of a (small) document hashed with each placeholder replaced by its real text. */
function prepareWithSubstitutes(
  xml: string,
  substitute: ReadonlyMap<string, string | Buffer>,
): { digest: Buffer; found: Found } {
  const found: Found = { root: null, rootEnd: -1, holder: null, holderEnd: -1, signed: false };
  let canonical: string;
  try {
    canonical = canonicalize(xml, { hooks: findHooks(found), strict: true });
  } catch (e) {
    throw asAppError(e);
  }
  const hash = createHash('sha256');
  const keys = [...substitute.keys()];
  const re = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  let last = 0;
  for (const m of canonical.matchAll(re)) {
    hash.update(canonical.slice(last, m.index), 'utf8');
    const v = substitute.get(m[0])!;
    if (typeof v === 'string') hash.update(v, 'latin1');
    else forEachBase64Chunk(v, (c) => hash.update(c, 'latin1'));
    last = m.index + m[0].length;
  }
  hash.update(canonical.slice(last), 'utf8');
  return { digest: hash.digest(), found };
}

function findHooks(found: Found) {
  return {
    start(el: ElementInfo) {
      if (el.depth === 0) found.root = el;
      else if (el.depth === 1 && !found.holder && (SIGNATURE_HOLDERS as readonly string[]).includes(el.local))
        found.holder = el;
      if (el.local === 'Signature' && el.ns === DSIG_NS) found.signed = true;
    },
    end(el: ElementInfo, end: number) {
      if (el === found.root) found.rootEnd = end;
      else if (el === found.holder) found.holderEnd = end;
    },
  };
}

function alreadySigned(): AppError {
  return new AppError('ALREADY_SIGNED', 'Tệp đã có chữ ký số. Không ký đè lên tệp đã ký — hãy tạo lại tệp từ hồ sơ.', {
    en: 'The file is already signed. Do not sign over a signed file; rebuild it from the dossier.',
  });
}

/** Where `sig` goes: first child of a holder, or last child of the root; no other byte changes. */
function insertSignature(xml: string, parent: ElementInfo, parentEnd: number, sig: string): Insertion {
  const isHolder = parent.depth === 1;
  if (parent.selfClosing) {
    const open = xml.slice(parent.start, parent.tagEnd - 2).replace(/\s+$/, '');
    return { headEnd: parent.start, tailStart: parent.tagEnd, open, middle: '>' + sig + `</${parent.qname}>` };
  }
  if (isHolder) return { headEnd: parent.tagEnd, tailStart: parent.tagEnd, open: null, middle: sig };
  const endTag = xml.lastIndexOf('</', parentEnd);
  return { headEnd: endTag, tailStart: endTag, open: null, middle: sig };
}
