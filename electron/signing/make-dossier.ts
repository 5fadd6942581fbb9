/**
 * A signed dossier (domain reference §1.1): each form signed into its `<Cky>`, embedded base64 on one line (the
 * gateway rejects line breaks, error 125), the Hoso envelope built around them and signed into `<CKy_Dvi>`.
 * The signed bytes are returned exactly as produced; `sha256` is their hash for the dossier record.
 *
 * Large dossiers: the envelope is built around short placeholders (DoDaiFile corrected to the real Base64 length),
 * signed with the real Base64 substituted in the digest, and assembled as bytes — a 50,000-row dossier never exists
 * as one JS string (which would be two-byte because of Vietnamese text: twice its size).
 */
import { createHash, randomBytes } from 'node:crypto';
import { signXmlBytes, signXmlParts, type SignedParts } from './sign-xml';
import type { Signer } from './signer';

export interface DossierForm {
  code: string;
  description: string;
  fileName: string;
  xml: string;
}

export interface EnvelopeFile {
  code: string;
  description: string;
  fileName: string;
  base64: string;
}

export interface SignedDossier {
  /** The signed envelope as text (decoded on first access). */
  readonly envelopeXml: string;
  /** The signed envelope, exactly the bytes to send. */
  envelopeBytes: Buffer;
  files: (EnvelopeFile & { sha256: string; bytes: number })[];
  /** Subject CN of the signing certificate. */
  signer: string;
  mst: string | null;
  certSerial: string;
  signerKind: Signer['kind'];
  paperCopyRequired: boolean;
  /** SHA-256 (hex) of the signed envelope bytes. */
  sha256: string;
  warnings: string[];
}

/** The signed text as UTF-8 bytes, placeholders replaced by their (ASCII) text, written into one allocation. */
function partsToBuffer(p: SignedParts, substitute?: ReadonlyMap<string, string>): Buffer {
  const pieces: { text: string; enc: 'utf8' | 'latin1' }[] = [];
  for (const piece of [p.head, p.signature, p.tail]) {
    let last = 0;
    for (const [marker, text] of substitute ?? []) {
      const at = piece.indexOf(marker, last);
      if (at < 0) continue;
      pieces.push({ text: piece.slice(last, at), enc: 'utf8' }, { text, enc: 'latin1' });
      last = at + marker.length;
    }
    pieces.push({ text: last ? piece.slice(last) : piece, enc: 'utf8' });
  }
  const out = Buffer.allocUnsafe(pieces.reduce((n, x) => n + Buffer.byteLength(x.text, x.enc), 0));
  let off = 0;
  for (const x of pieces) off += out.write(x.text, off, x.enc);
  return out;
}

/**
 * The envelope with placeholders, DoDaiFile set to the real lengths. Null when the builder's output does not have
 * each placeholder once right after its `<DoDaiFile>` (then the caller builds the full envelope instead).
 */
function placeholderEnvelope(build: (files: EnvelopeFile[]) => string, files: EnvelopeFile[]): { xml: string; substitute: Map<string, string> } | null {
  const tag = randomBytes(6).toString('hex');
  const markers = files.map((_, i) => `KEKHAIPLACEHOLDER${tag}N${i}`);
  let xml = build(files.map((f, i) => ({ ...f, base64: markers[i]! })));
  const substitute = new Map<string, string>();
  for (let i = 0; i < files.length; i++) {
    const m = markers[i]!;
    const at = xml.indexOf(m);
    if (at < 0 || xml.indexOf(m, at + 1) >= 0) return null;
    const len = `<DoDaiFile>${m.length}</DoDaiFile>`;
    const d = xml.lastIndexOf(len, at);
    if (d < 0 || xml.lastIndexOf('<FileToKhai>', at) > d) return null;
    xml = xml.slice(0, d) + `<DoDaiFile>${files[i]!.base64.length}</DoDaiFile>` + xml.slice(d + len.length);
    substitute.set(m, files[i]!.base64);
  }
  return { xml, substitute };
}

export async function makeSignedDossier(
  input: { forms: DossierForm[]; envelope: (files: EnvelopeFile[]) => string },
  signer: Signer,
  now: Date,
): Promise<SignedDossier> {
  const files: SignedDossier['files'] = [];
  for (const f of input.forms) {
    const signed = await signXmlBytes(Buffer.from(f.xml, 'utf8'), signer, now);
    files.push({
      code: f.code,
      description: f.description,
      fileName: f.fileName,
      base64: signed.toString('base64'),
      sha256: createHash('sha256').update(signed).digest('hex'),
      bytes: signed.length,
    });
  }
  const meta = files.map(({ code, description, fileName, base64 }) => ({ code, description, fileName, base64 }));
  const small = placeholderEnvelope(input.envelope, meta);
  let envelopeBytes: Buffer;
  if (small) {
    envelopeBytes = partsToBuffer(await signXmlParts(small.xml, signer, now, { substitute: small.substitute }), small.substitute);
  } else {
    envelopeBytes = partsToBuffer(await signXmlParts(input.envelope(meta), signer, now));
  }
  let text: string | null = null;
  return {
    get envelopeXml() {
      text ??= envelopeBytes.toString('utf8');
      return text;
    },
    envelopeBytes,
    files,
    signer: signer.cert.subjectCN,
    mst: signer.cert.mst,
    certSerial: signer.cert.serial,
    signerKind: signer.kind,
    paperCopyRequired: signer.kind === 'test-cert',
    sha256: createHash('sha256').update(envelopeBytes).digest('hex'),
    warnings: signer.warnings,
  };
}
