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
import { base64Length, forEachBase64Chunk, signXmlBytes, signXmlParts, type SignedParts } from './sign-xml';
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
  /** `base64` is computed on each access from `signedBytes`. */
  files: (EnvelopeFile & { signedBytes: Buffer; sha256: string; bytes: number })[];
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

/** The signed text as UTF-8 bytes, each placeholder replaced by the Base64 of its bytes, written into one allocation. */
function partsToBuffer(p: SignedParts, substitute?: ReadonlyMap<string, Buffer>): Buffer {
  const pieces: (string | Buffer)[] = [];
  for (const piece of [p.head, p.signature, p.tail]) {
    let last = 0;
    for (const [marker, bytes] of substitute ?? []) {
      const at = piece.indexOf(marker, last);
      if (at < 0) continue;
      pieces.push(piece.slice(last, at), bytes);
      last = at + marker.length;
    }
    pieces.push(last ? piece.slice(last) : piece);
  }
  const size = pieces.reduce(
    (n, x) => n + (typeof x === 'string' ? Buffer.byteLength(x, 'utf8') : base64Length(x.length)),
    0,
  );
  const out = Buffer.allocUnsafe(size);
  let off = 0;
  for (const x of pieces) {
    if (typeof x === 'string') off += out.write(x, off, 'utf8');
    else forEachBase64Chunk(x, (c) => (off += out.write(c, off, 'latin1')));
  }
  return out;
}

/**
 * The envelope with placeholders, DoDaiFile set to the real Base64 lengths. Null when the builder's output does not
 * have each placeholder once right after its `<DoDaiFile>` (then the caller builds the full envelope instead).
 */
function placeholderEnvelope(
  build: (files: EnvelopeFile[]) => string,
  meta: Omit<EnvelopeFile, 'base64'>[],
  signed: Buffer[],
): { xml: string; substitute: Map<string, Buffer> } | null {
  const tag = randomBytes(6).toString('hex');
  const markers = meta.map((_, i) => `KEKHAIPLACEHOLDER${tag}N${i}`);
  let xml = build(meta.map((f, i) => ({ ...f, base64: markers[i]! })));
  const substitute = new Map<string, Buffer>();
  for (let i = 0; i < meta.length; i++) {
    const m = markers[i]!;
    const at = xml.indexOf(m);
    if (at < 0 || xml.indexOf(m, at + 1) >= 0) return null;
    const len = `<DoDaiFile>${m.length}</DoDaiFile>`;
    const d = xml.lastIndexOf(len, at);
    if (d < 0 || xml.lastIndexOf('<FileToKhai>', at) > d) return null;
    xml = xml.slice(0, d) + `<DoDaiFile>${base64Length(signed[i]!.length)}</DoDaiFile>` + xml.slice(d + len.length);
    substitute.set(m, signed[i]!);
  }
  return { xml, substitute };
}

export async function makeSignedDossier(
  input: { forms: DossierForm[]; envelope: (files: EnvelopeFile[]) => string },
  signer: Signer,
  now: Date,
): Promise<SignedDossier> {
  const files: SignedDossier['files'] = [];
  const signedForms: Buffer[] = [];
  for (const f of input.forms) {
    const signed = await signXmlBytes(Buffer.from(f.xml, 'utf8'), signer, now);
    signedForms.push(signed);
    // Base64 is produced on demand (and streamed into the envelope): a 50,000-row form would otherwise be kept twice.
    files.push({
      code: f.code,
      description: f.description,
      fileName: f.fileName,
      get base64() {
        return signed.toString('base64');
      },
      signedBytes: signed,
      // Hashes are computed when asked (the service records them; a bench or a caller that only sends does not pay).
      get sha256() {
        return createHash('sha256').update(signed).digest('hex');
      },
      bytes: signed.length,
    });
  }
  const meta = files.map(({ code, description, fileName }) => ({ code, description, fileName }));
  const small = placeholderEnvelope(input.envelope, meta, signedForms);
  let envelopeBytes: Buffer;
  if (small) {
    envelopeBytes = partsToBuffer(
      await signXmlParts(small.xml, signer, now, { substitute: small.substitute }),
      small.substitute,
    );
  } else {
    const full = input.envelope(
      files.map((f) => ({ code: f.code, description: f.description, fileName: f.fileName, base64: f.base64 })),
    );
    envelopeBytes = partsToBuffer(await signXmlParts(full, signer, now));
  }
  let text: string | null = null;
  let sha: string | null = null;
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
    get sha256() {
      sha ??= createHash('sha256').update(envelopeBytes).digest('hex');
      return sha;
    },
    warnings: signer.warnings,
  };
}
