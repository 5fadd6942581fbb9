/**
 * The facts the I-VAN layer needs from a `Hoso` envelope (domain reference §1.1): unit, agency, period, procedure
 * and the embedded forms with their rows. Read through the one strict dossier reader (shared/dossier/read.ts), so
 * the outbox, the adapter and the training I-VAN server see exactly what the verifier checked: fixed paths only,
 * no comments/PIs/CDATA, no duplicate elements, nothing from inside Signature (issue #12 item 1). A refused file
 * throws `XmlInputError` (Vietnamese message with line and column).
 */
import { readDossier, readSignedXml } from '../dossier/read';

export interface EnvelopeForm {
  code: string;
  fileName: string;
  base64: string;
  /** Root element of an embedded XML form ('' for attachments). Optional so that hand-built facts (tests) stay short. */
  root?: string;
  /** Its `LaoDong`/`ThongTin` rows, each field by element name (strictly read; [] for attachments). */
  rows?: Record<string, string>[];
}

export interface EnvelopeFacts {
  kind: 'dossier' | 'registration';
  ivanCode: string | null;
  unitCode: string | null;
  /** `ThongTinDonVi/TenDoiTuong` (or the registration's TEN_DVI). Optional so that hand-built facts stay short. */
  unitName?: string | null;
  agencyCode: string | null;
  /** MM/yyyy */
  period: string | null;
  procedure: string | null;
  /** Registration form code (04/ĐK-IVAN …) when kind = registration. */
  registrationForm: string | null;
  /** The batch (đợt) when a form names it (D01-TS `KemTheo`); else null. */
  batch?: number | null;
  /** True when `Hoso/CKy_Dvi` (or the root) holds the enveloped Signature. */
  signed?: boolean;
  forms: EnvelopeForm[];
}

/** True when the document's root element is `Hoso` (and the file reads strictly). */
export function hasHosoRoot(xml: string): boolean {
  try {
    return readSignedXml(xml, { forms: false }).root === 'Hoso';
  } catch {
    return false;
  }
}

/** `latin1`: the text is UTF-8 bytes viewed as Latin-1 (one char per byte — half the memory for a large dossier). */
export function readEnvelope(xml: string, opts: { latin1?: boolean } = {}): EnvelopeFacts {
  const r = readDossier(xml, { latin1: opts.latin1 });
  const sig = r.signature?.element;
  return {
    kind: r.kind === 'registration' ? 'registration' : 'dossier',
    ivanCode: r.ivanCode,
    unitCode: r.unitCode,
    unitName: r.unitName,
    agencyCode: r.agencyCode,
    period: r.period,
    procedure: r.procedure,
    registrationForm: r.registrationForm,
    batch: r.batch,
    signed:
      !!sig &&
      r.signatures === 1 &&
      // Where the verifier accepts it (electron/signing/verify.ts `misplaced`): in the holder, or in the root without one.
      ((sig.depth === 1 && !r.hasHolder) || (sig.depth === 2 && /^(CKy_Dvi|Cky)$/.test(r.signatureHolder ?? ''))),
    forms: r.files.map((f) => ({
      code: f.code,
      fileName: f.fileName,
      base64: f.base64.replace(/\s+/g, ''),
      root: f.form?.root ?? '',
      rows: f.form?.rows ?? [],
    })),
  };
}
