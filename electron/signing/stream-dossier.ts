/**
 * The signed dossier written straight to a file (issue 5, "Performance": a 50,000-row dossier within 300 MB).
 * Same bytes as `makeSignedDossier` (tests/integration/signing/stream-dossier.test.ts compares them), but:
 * - one form is alive at a time: built, signed, Base64-encoded into the file in 3-byte-aligned chunks, dropped;
 * - a signed form is the unsigned bytes and the Signature as separate pieces (no 70 MB splice copy);
 * - the envelope's canonical digest and the file's hash are fed with the bytes as they are written, the envelope
 *   Signature is computed when `<CKy_Dvi>` is reached (everything it signs precedes it) and written after.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { commitPart, partNameFor, removeStaleParts } from '../core/atomic-file';
import { XML_DECLARATION } from '../../shared/xml/canonical-writer';
import { base64Length, canonicalSite, holderOfPlainForm, signatureFor, signXmlBytes } from './sign-xml';
import type { EnvelopeFile } from './make-dossier';
import type { Signer } from './signer';
import { collectGarbage } from './collect-garbage';

export interface StreamForm {
  code: string;
  description: string;
  fileName: string;
  /** Builds the unsigned form when its turn comes, so only one large form is in memory at a time. */
  build(): Uint8Array;
  /**
   * The bytes come from the canonical byte writer (shared/xml/byte-writer.ts: elements and canonically escaped
   * text only, no attributes, namespaces, comments or self-closing tags). Then C14N of the document minus the
   * Signature is the root element's bytes as written, and the digest is a hash of them (no parse). The bytes are
   * still checked for the shape that writer gives; anything else goes through the streaming C14N.
   */
  canonicalProducer: boolean;
}

export interface StreamedFile {
  code: string;
  description: string;
  fileName: string;
  /** SHA-256 (hex) of the signed form. */
  sha256: string;
  bytes: number;
  /** True when the digest took the canonical-producer fast path. */
  fastPath: boolean;
}

export interface StreamedDossier {
  files: StreamedFile[];
  /** SHA-256 (hex) of the signed envelope file. */
  sha256: string;
  bytes: number;
}

/** Input bytes per Base64 chunk: a multiple of 3, so the chunks' Base64 concatenates to the one-line Base64. */
const CHUNK = 3 * 65536;
const DECLARATION = Buffer.from(XML_DECLARATION, 'latin1');
const ROOT_NAME = /^[A-Za-z_][\w.-]*$/;

/**
 * Where the Signature goes in a form of the canonical byte writer, or null when the bytes are not of that shape: the
 * declaration, then `<Root>` without attributes, `<Cky></Cky>` right before `</Root>` at the very end, no namespace
 * declaration (so no Signature already), no CR, comment, PI or DOCTYPE (`<!`, `<?`). That these are the writer's
 * only deviations from C14N is the producer's guarantee (tests/unit/declarations/xml-equivalence.test.ts: each form's
 * root is its own `xmllint --c14n`); the checks here are the ones a byte search does at memchr speed (~3 ms per
 * 66 MB form, single bytes or a rare first byte) rather than a second parse.
 */
function plainFormSite(b: Buffer): { root: string; at: number } | null {
  const from = DECLARATION.length;
  if (b.length < from + 4 || !b.subarray(0, from).equals(DECLARATION) || b[from] !== 0x3c) return null;
  const gt = b.indexOf(0x3e, from);
  if (gt < 0) return null;
  const root = b.toString('latin1', from + 1, gt);
  if (!ROOT_NAME.test(root)) return null;
  const tail = `<Cky></Cky></${root}>`;
  const at = b.length - tail.length;
  if (at <= gt || b.toString('latin1', at) !== tail) return null;
  if (b.indexOf('xmlns', from) >= 0 || b.indexOf(0x0d, from) >= 0) return null;
  for (const mark of [0x21, 0x3f]) {
    // `!` and `?` are rare in form text: look at each one for a `<` before it.
    for (let i = b.indexOf(mark, from); i >= 0; i = b.indexOf(mark, i + 1)) if (b[i - 1] === 0x3c) return null;
  }
  return { root, at: at + '<Cky>'.length };
}

/** The signed form as pieces (unsigned head, Signature, unsigned tail): their concatenation is `signXmlBytes`' output. */
async function signForm(
  form: StreamForm,
  bytes: Buffer,
  signer: Signer,
  now: Date,
): Promise<{ pieces: Buffer[]; fastPath: boolean }> {
  const site = form.canonicalProducer ? plainFormSite(bytes) : null;
  if (!site) return { pieces: [await signXmlBytes(bytes, signer, now)], fastPath: false };
  const digest = createHash('sha256').update(bytes.subarray(DECLARATION.length)).digest();
  const sig = await signatureFor(holderOfPlainForm(site.root), digest, signer, now);
  return { pieces: [bytes.subarray(0, site.at), Buffer.from(sig, 'utf8'), bytes.subarray(site.at)], fastPath: true };
}

/** 3-byte-aligned chunks of the concatenated pieces (only a piece boundary can leave a 1–2 byte carry). */
function* alignedChunks(pieces: readonly Buffer[]): Generator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for (const p of pieces) {
    let i = 0;
    if (carry.length) {
      const need = 3 - carry.length;
      if (p.length < need) {
        carry = Buffer.concat([carry, p]);
        continue;
      }
      yield Buffer.concat([carry, p.subarray(0, need)]);
      i = need;
    }
    const end = i + Math.floor((p.length - i) / 3) * 3;
    for (; i < end; i += CHUNK) yield p.subarray(i, Math.min(i + CHUNK, end));
    carry = Buffer.from(p.subarray(end));
  }
  if (carry.length) yield carry;
}

/** The output file: everything written is also fed to the file hash. */
class HashedFile {
  readonly hash: Hash = createHash('sha256');
  bytes = 0;
  private readonly scratch = Buffer.allocUnsafe(base64Length(CHUNK));
  constructor(private readonly fd: number) {}
  write(b: Buffer): void {
    this.hash.update(b);
    let off = 0;
    while (off < b.length) off += writeSync(this.fd, b, off, b.length - off);
    this.bytes += b.length;
  }
  text(s: string): void {
    if (s) this.write(Buffer.from(s, 'utf8'));
  }
  /** Base64 of `pieces` into the file and into `also` (the envelope digest), chunk by chunk. */
  base64(pieces: readonly Buffer[], also: Hash): void {
    for (const c of alignedChunks(pieces)) {
      const n = this.scratch.write(c.toString('base64'), 0, 'latin1');
      const out = this.scratch.subarray(0, n);
      also.update(out);
      this.write(out);
    }
  }
}

/**
 * Form i of the envelope: built, signed, its Base64 length written (`DoDaiFile`), the text up to `NoiDungFile`,
 * then its Base64. Its own function so that nothing refers to the form's bytes once it returns.
 */
async function streamForm(
  form: StreamForm,
  between: string,
  betweenCanonical: string,
  file: HashedFile,
  digest: Hash,
  signer: Signer,
  now: Date,
): Promise<StreamedFile> {
  const built = form.build();
  const { pieces, fastPath } = await signForm(
    form,
    Buffer.from(built.buffer, built.byteOffset, built.byteLength),
    signer,
    now,
  );
  const size = pieces.reduce((n, p) => n + p.length, 0);
  const formHash = createHash('sha256');
  for (const p of pieces) formHash.update(p);
  const lengthText = String(base64Length(size));
  file.text(lengthText);
  digest.update(lengthText, 'latin1');
  file.text(between);
  digest.update(betweenCanonical, 'utf8');
  file.base64(pieces, digest);
  return {
    code: form.code,
    description: form.description,
    fileName: form.fileName,
    sha256: formHash.digest('hex'),
    bytes: size,
    fastPath,
  };
}

/** Splits `text` at each marker in order (each exactly once): n+1 pieces, or null. */
function splitAt(text: string, markers: readonly string[]): string[] | null {
  const out: string[] = [];
  let from = 0;
  for (const m of markers) {
    const at = text.indexOf(m, from);
    if (at < 0 || text.indexOf(m, at + m.length) >= 0) return null;
    out.push(text.slice(from, at));
    from = at + m.length;
  }
  out.push(text.slice(from));
  return out;
}

/**
 * The envelope around markers: `DoDaiFile` and `NoiDungFile` of form i hold `len[i]` and `body[i]` (letters and
 * digits, so C14N leaves them alone and they stand for text that needs no escaping).
 */
function markedEnvelope(build: (files: EnvelopeFile[]) => string, forms: readonly StreamForm[]) {
  const tag = randomBytes(6).toString('hex');
  const body = forms.map((_, i) => `KEKHAIBODY${tag}N${i}Z`);
  const len = forms.map((_, i) => `KEKHAILEN${tag}N${i}Z`);
  let xml = build(
    forms.map((f, i) => ({ code: f.code, description: f.description, fileName: f.fileName, base64: body[i]! })),
  );
  for (let i = 0; i < forms.length; i++) {
    const at = xml.indexOf(body[i]!);
    const dd = `<DoDaiFile>${body[i]!.length}</DoDaiFile>`;
    const d = at < 0 ? -1 : xml.lastIndexOf(dd, at);
    if (d < 0 || xml.lastIndexOf('<FileToKhai>', at) > d)
      throw new Error('envelope builder: DoDaiFile does not precede NoiDungFile of its FileToKhai');
    xml = xml.slice(0, d) + `<DoDaiFile>${len[i]}</DoDaiFile>` + xml.slice(d + dd.length);
  }
  return { xml, markers: forms.flatMap((_, i) => [len[i]!, body[i]!]) };
}

/**
 * Builds, signs and writes the dossier to `outPath` (through a temporary file renamed at the end, so a failure
 * leaves no half-written dossier).
 */
export async function writeSignedDossier(
  input: { forms: readonly StreamForm[]; envelope: (files: EnvelopeFile[]) => string },
  signer: Signer,
  now: Date,
  outPath: string,
): Promise<StreamedDossier> {
  const { xml, markers } = markedEnvelope(input.envelope, input.forms);
  const site = canonicalSite(xml);
  const raw = splitAt(xml, markers);
  const canonical = splitAt(site.canonical, markers);
  const where = site.place('');
  const tailStart = raw ? xml.length - raw[raw.length - 1]!.length : 0;
  if (!raw || !canonical || where.headEnd < tailStart) {
    throw new Error('envelope builder: placeholders not found once each before the signature holder');
  }
  // The one temporary-name rule (core/atomic-file.ts): a later write of the same file removes a killed run's part.
  removeStaleParts(outPath);
  const tmp = partNameFor(outPath);
  const fd = openSync(tmp, 'wx');
  let ok = false;
  try {
    const file = new HashedFile(fd);
    const digest = createHash('sha256');
    const files: StreamedFile[] = [];
    for (let i = 0; i < input.forms.length; i++) {
      file.text(raw[2 * i]!);
      digest.update(canonical[2 * i]!, 'utf8');
      // Whatever came before (the previous form's buffers, the parsed draft's leftovers) is freed before this form
      // grows its own buffer; streamForm keeps no reference to the form once it returns.
      collectGarbage();
      files.push(await streamForm(input.forms[i]!, raw[2 * i + 1]!, canonical[2 * i + 1]!, file, digest, signer, now));
    }
    // The rest up to the signature holder; everything the envelope signature covers has then been hashed.
    file.text(xml.slice(tailStart, where.headEnd));
    digest.update(canonical[canonical.length - 1]!, 'utf8');
    const sig = await signatureFor(site.parent, digest.digest(), signer, now);
    const placed = site.place(sig);
    file.text((placed.open ?? '') + placed.middle + xml.slice(placed.tailStart));
    const result = { files, sha256: file.hash.digest('hex'), bytes: file.bytes };
    closeSync(fd);
    ok = true;
    commitPart(tmp, outPath);
    return result;
  } finally {
    if (!ok) {
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
      try {
        unlinkSync(tmp);
      } catch {
        /* never created */
      }
    }
  }
}
