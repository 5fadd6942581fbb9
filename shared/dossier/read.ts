/**
 * The one reader of a signed BHXH dossier (issue #12 item 1), shared by the verifier, the outbox, the I-VAN adapter
 * and the training I-VAN server, so that what is checked is what is read:
 * - strict XML (comments, processing instructions, CDATA, DOCTYPE, non-UTF-8 declarations refused — a signature
 *   excludes comments, so a reader that saw them would read data nobody signed);
 * - fixed paths only (`Hoso/NoiDung/ThongTinDonVi/MaSoBHXH`, never "the first MaSoBHXH anywhere");
 * - no element repeated where the forms allow one (two `MaSoBHXH`, two `NoiDung`, two `TienLuong` in a row …);
 * - nothing read from inside `Signature`: its content is limited to the XMLDSig elements of the BHXH profile, so a
 *   form placed in an unsigned `Object` is refused, not ignored.
 * One pass over the text (the caller's c14n sink may hash it in the same pass). Environment-neutral: a JS string, or
 * UTF-8 bytes viewed as Latin-1 (`latin1: true`, one char per byte) for large files.
 */
import { walkC14n, type C14nSink, type ElementInfo } from '../signing/c14n';
import { XmlInputError } from '../signing/xml-error';

declare const TextDecoder: new (label?: string) => { decode(u: Uint8Array): string };
declare const atob: (s: string) => string;

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

export interface DossierFile {
  /** MaToKhai (D02-TS, TK1-TS, CT-DK …). */
  code: string;
  description: string;
  /** TenFile. */
  fileName: string;
  /** LoaiFile (`.xml`, `.pdf` …), '' when absent. */
  fileType: string;
  /** DoDaiFile as written, null when absent. */
  declaredLength: string | null;
  /** NoiDungFile, whitespace kept (the verifier reports line breaks). */
  base64: string;
  /** For an embedded XML form, its strict reading (rows …); null for attachments or when forms were not read. */
  form: FormReading | null;
}

export interface FormReading {
  /** Root element name (D02-TS, TK1-TS, D01-TS, M01B-HSB …). */
  root: string;
  /** Each `LaoDong` / `ThongTin` row: its child elements' text by name. */
  rows: Record<string, string>[];
  signature: SignatureSpan | null;
  signatures: number;
  /** The batch (đợt) a D01-TS names in `NoiDung/KemTheo` ("… kỳ 10/2015 đợt 2"), else null. */
  batch: number | null;
}

export interface SignatureSpan {
  element: ElementInfo;
  /** Offset just after `</Signature>`. */
  end: number;
}

export interface DossierReading {
  root: string;
  kind: 'dossier' | 'registration' | 'form';
  ivanCode: string | null;
  unitCode: string | null;
  taxCode: string | null;
  unitName: string | null;
  agencyCode: string | null;
  /** `ThongTinHoSo/SoLuongFile` as written (the verifier compares it with the FileToKhai count). */
  declaredFileCount: string | null;
  /** MM/yyyy, null when absent or malformed. */
  period: string | null;
  procedure: string | null;
  /** 04/ĐK-IVAN … for a registration. */
  registrationForm: string | null;
  /** The batch (đợt): of this form (D01-TS `KemTheo`), or of the first embedded form that names one. */
  batch: number | null;
  files: DossierFile[];
  /** Form rows when the document itself is a form. */
  rows: Record<string, string>[];
  /** The enveloped signature (the first `Signature`), and how many there are. */
  signature: SignatureSpan | null;
  signatures: number;
  /** Local name of the enveloped Signature's parent (`CKy_Dvi`, `Cky`, or the root's name). */
  signatureHolder: string | null;
  /** The root has a `Cky`/`CKy_Dvi` child (no namespace): the only place its signature may then be. */
  hasHolder: boolean;
}

export interface ReadOptions {
  /** The text is UTF-8 bytes viewed as Latin-1 (Buffer#toString('latin1')). */
  latin1?: boolean;
  /** Receives the canonical form with the enveloped Signature left out (the verifier's digest). */
  sink?: C14nSink;
  /** Also decode and strictly read each embedded XML form (default true). */
  forms?: boolean;
  /** Collect a form's rows (default true; the verifier only needs the structure and the signature). */
  rows?: boolean;
  maxDepth?: number;
}

/** Elements that may repeat among their siblings; any other repeated element is refused. */
const REPEATABLE = new Set([
  'FileToKhai',
  'LaoDong',
  'ThongTin',
  'LY_DO',
  'TTCKY',
  'Reference',
  'Transform',
  'X509Certificate',
  'X509Data',
  'Object',
  'SignatureProperties',
  'SignatureProperty',
]);

/**
 * The XMLDSig elements a BHXH signature may contain (domain reference §1.6 and addendum 2 item 8), each with the
 * parents it may have (by local name): one reading of the Signature, so that no SignatureValue, certificate or
 * Object can sit where one verifier would look and another would not (crafted-wrapping.test.ts).
 */
const SIGNATURE_CONTENT = new Map<string, readonly string[]>([
  ['SignedInfo', ['Signature']],
  ['CanonicalizationMethod', ['SignedInfo']],
  ['SignatureMethod', ['SignedInfo']],
  ['Reference', ['SignedInfo']],
  ['Transforms', ['Reference']],
  ['Transform', ['Transforms']],
  ['DigestMethod', ['Reference']],
  ['DigestValue', ['Reference']],
  ['SignatureValue', ['Signature']],
  ['KeyInfo', ['Signature']],
  ['KeyName', ['KeyInfo']],
  ['KeyValue', ['KeyInfo']],
  ['RSAKeyValue', ['KeyValue']],
  ['Modulus', ['RSAKeyValue']],
  ['Exponent', ['RSAKeyValue']],
  ['X509Data', ['KeyInfo']],
  ['X509SubjectName', ['X509Data']],
  ['X509Certificate', ['X509Data']],
  ['X509SKI', ['X509Data']],
  ['X509IssuerSerial', ['X509Data']],
  ['X509IssuerName', ['X509IssuerSerial']],
  ['X509SerialNumber', ['X509IssuerSerial']],
  ['Object', ['Signature']],
  ['SignatureProperties', ['Object']],
  // The VNPT SmartCA variant puts SignatureProperty directly in the Object (§1.6).
  ['SignatureProperty', ['SignatureProperties', 'Object']],
  ['SigningTime', ['SignatureProperty']],
]);

const ROW_ELEMENTS = new Set(['LaoDong', 'ThongTin']);

const ENVELOPE_FIELDS: Record<string, keyof Fields> = {
  'Hoso/NoiDung/ThongTinIVAN/MaIVAN': 'ivanCode',
  'Hoso/NoiDung/ThongTinDonVi/MaSoBHXH': 'unitCode',
  'Hoso/NoiDung/ThongTinDonVi/MaSoThue': 'taxCode',
  'Hoso/NoiDung/ThongTinDonVi/TenDoiTuong': 'unitName',
  'Hoso/NoiDung/ThongTinDonVi/CoQuanQuanLy': 'agencyCode',
  'Hoso/NoiDung/ThongTinHoSo/MaThuTuc': 'procedure',
  'Hoso/NoiDung/ThongTinHoSo/KyKeKhai': 'period',
  'Hoso/NoiDung/ThongTinHoSo/SoLuongFile': 'declaredFileCount',
  'Hoso/NoiDung/MaToKhai': 'registrationForm',
};
/** Registration forms (04/05/06): `Hoso/NoiDung/BHXH/<form root>/TTDVI/…` — the form root varies, matched by `*`. */
const REGISTRATION_FIELDS: Record<string, keyof Fields> = {
  'Hoso/NoiDung/BHXH/*/TTDVI/MA_DVI': 'unitCode',
  'Hoso/NoiDung/BHXH/*/TTDVI/MA_IVAN': 'ivanCode',
  'Hoso/NoiDung/BHXH/*/TTDVI/TEN_DVI': 'unitName',
};
const FILE_PATH = 'Hoso/NoiDung/ThongTinHoSo/ToKhais/FileToKhai';
/** D01-TS names the dossier's batch only in this sentence (shared/forms/d01.ts writes "… kỳ MM/yyyy đợt N"). */
const BATCH_NOTE_PATH = 'D01-TS/NoiDung/KemTheo';
const FILE_FIELDS: Record<string, keyof Omit<DossierFile, 'form'>> = {
  MaToKhai: 'code',
  MoTaToKhai: 'description',
  TenFile: 'fileName',
  LoaiFile: 'fileType',
  DoDaiFile: 'declaredLength',
  NoiDungFile: 'base64',
};

interface Fields {
  ivanCode: string | null;
  unitCode: string | null;
  taxCode: string | null;
  unitName: string | null;
  agencyCode: string | null;
  declaredFileCount: string | null;
  procedure: string | null;
  period: string | null;
  registrationForm: string | null;
}

/** One decoder for every captured text (making one per cell was a measurable share of verifying 50,000 rows). */
let utf8: { decode(u: Uint8Array): string } | null = null;

/** Text captured in Latin-1 mode is UTF-8 bytes; give the clerk real characters. */
function text(s: string, latin1: boolean): string {
  if (!latin1 || !/[\x80-\xff]/.test(s)) return s;
  const u = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
  utf8 ??= new TextDecoder('utf-8');
  return utf8.decode(u);
}

/**
 * The names of an open element's children so far, to refuse a repeated one: a short list while there are few (a
 * row's dozen fields; emptied without allocating when the next element opens), a Set past SIBLING_LIST so that an
 * element with thousands of different children stays linear.
 */
const SIBLING_LIST = 32;
class SiblingNames {
  private readonly names: string[] = [];
  private set: Set<string> | null = null;

  reset(): void {
    this.names.length = 0;
    this.set = null;
  }

  /** Records `name`; true when it was already there. */
  repeated(name: string): boolean {
    if (this.set) {
      if (this.set.has(name)) return true;
      this.set.add(name);
      return false;
    }
    if (this.names.includes(name)) return true;
    this.names.push(name);
    if (this.names.length > SIBLING_LIST) this.set = new Set(this.names);
    return false;
  }
}

function refuse(code: XmlInputError['code'], el: ElementInfo, xml: string, vi: string, en: string): never {
  throw new XmlInputError(code, el.start, xml, vi, en);
}

/**
 * Reads a dossier envelope (`Hoso`), a registration (`Hoso` with `BHXH`) or one form. Throws `XmlInputError` for
 * anything refused; never returns data from comments, unsigned Objects or a second copy of an element.
 */
export function readSignedXml(xml: string, opts: ReadOptions = {}): DossierReading {
  const latin1 = opts.latin1 === true;
  const keepRows = opts.rows !== false;
  const fields: Fields = {
    ivanCode: null,
    unitCode: null,
    taxCode: null,
    unitName: null,
    agencyCode: null,
    declaredFileCount: null,
    procedure: null,
    period: null,
    registrationForm: null,
  };
  const files: DossierFile[] = [];
  const rows: Record<string, string>[] = [];
  const path: string[] = [];
  /** Local name of the open element at each depth (the parent check inside a Signature). */
  const locals: string[] = [];
  /** Names of the children seen so far under the open element at each depth (reused from element to element). */
  const children: SiblingNames[] = [];
  let root = '';
  let signature: SignatureSpan | null = null;
  let signatures = 0;
  let signatureHolder: string | null = null;
  let hasHolder = false;
  let sigDepth = -1; // depth of the Signature being walked, -1 outside
  let file: DossierFile | null = null;
  let row: Record<string, string> | null = null;
  let rowDepth = -1;
  /** What the text being captured fills (set by `start`, used by `captured`); no closure per element. */
  let capture: 'none' | 'file' | 'batch' | 'field' | 'row' = 'none';
  let captureTarget: Record<string, string> | null = null;
  let captureKey = '';
  let batchNote: string | null = null;

  walkC14n(xml, opts.sink ?? { write() {} }, {
    latin1,
    strict: true,
    hooksInSkipped: true,
    maxDepth: opts.maxDepth,
    hooks: {
      start(el) {
        // Duplicate siblings (linear: one small set of names per open element).
        const parentSet = el.depth > 0 ? children[el.depth - 1]! : null;
        if (parentSet) {
          if (parentSet.repeated(el.qname) && !REPEATABLE.has(el.local)) {
            refuse(
              'XML_DUPLICATE_ELEMENT',
              el,
              xml,
              `Thẻ <${el.qname}> lặp lại trong <${path[el.depth - 1]}> — hồ sơ bị từ chối (chỉ được có một)`,
              `Element <${el.qname}> repeated inside <${path[el.depth - 1]}> — refused (one expected)`,
            );
          }
        }
        (children[el.depth] ??= new SiblingNames()).reset();
        path[el.depth] = el.ns === '' ? el.local : `{${el.ns}}${el.local}`;
        path.length = el.depth + 1;
        if (el.depth === 0) root = el.local;
        else if (el.depth === 1 && el.ns === '' && (el.local === 'Cky' || el.local === 'CKy_Dvi')) hasHolder = true;

        locals[el.depth] = el.local;
        if (sigDepth >= 0) {
          const parents = SIGNATURE_CONTENT.get(el.local);
          if (!parents) {
            refuse(
              'XML_UNEXPECTED_ELEMENT',
              el,
              xml,
              `Chữ ký chứa thẻ lạ <${el.qname}> — phần này không được ký nên hồ sơ bị từ chối`,
              `The signature contains an unexpected <${el.qname}> — it is not signed, so the file is refused`,
            );
          }
          const parent = locals[el.depth - 1]!;
          if (!parents.includes(parent)) {
            refuse(
              'XML_UNEXPECTED_ELEMENT',
              el,
              xml,
              `Chữ ký có thẻ <${el.qname}> đặt sai chỗ (trong <${parent}>, phải trong <${parents.join('> hoặc <')}>) — hồ sơ bị từ chối`,
              `The signature has <${el.qname}> in the wrong place (inside <${parent}>, expected <${parents.join('> or <')}>) — refused`,
            );
          }
          return;
        }
        if (el.ns === DSIG_NS && el.local === 'Signature') {
          signatures++;
          sigDepth = el.depth;
          if (!signature) {
            signature = { element: el, end: -1 };
            signatureHolder = path[el.depth - 1] ?? null;
            return 'skip'; // enveloped-signature transform
          }
          return;
        }
        if (el.ns !== '') return;
        if (root !== 'Hoso') {
          // A form: its rows, and D01-TS's batch sentence (the only path a form is read by).
          if (el.depth === 2 && el.local === 'KemTheo' && path.join('/') === BATCH_NOTE_PATH) {
            capture = 'batch';
            return 'capture';
          }
          if (keepRows && ROW_ELEMENTS.has(el.local) && !row) {
            row = {};
            rowDepth = el.depth;
            rows.push(row);
            return;
          }
          if (row && el.depth === rowDepth + 1) {
            capture = 'row';
            captureTarget = row;
            captureKey = el.local;
            return 'capture';
          }
          return;
        }
        const p = path.join('/');
        if (p === FILE_PATH) {
          file = {
            code: '',
            description: '',
            fileName: '',
            fileType: '',
            declaredLength: null,
            base64: '',
            form: null,
          };
          files.push(file);
          return;
        }
        if (file && el.depth === 5 && FILE_FIELDS[el.local] && p.startsWith(FILE_PATH + '/')) {
          capture = 'file';
          captureTarget = file as unknown as Record<string, string>;
          captureKey = FILE_FIELDS[el.local]!;
          return 'capture';
        }
        const field = ENVELOPE_FIELDS[p] ?? REGISTRATION_FIELDS[registrationPath(path)];
        if (field) {
          capture = 'field';
          captureKey = field;
          return 'capture';
        }
      },
      end(el, end) {
        if (sigDepth === el.depth) {
          sigDepth = -1;
          if (signature && signature.element === el) signature.end = end;
        }
        if (row && el.depth === rowDepth) {
          row = null;
          rowDepth = -1;
        }
        if (file && el.depth === 4 && el.local === 'FileToKhai') file = null;
      },
      captured(_el, t) {
        if (capture === 'file') captureTarget![captureKey] = captureKey === 'base64' ? t : text(t, latin1).trim();
        else if (capture === 'row') captureTarget![captureKey] = text(t, latin1).trim();
        else if (capture === 'field') fields[captureKey as keyof Fields] = text(t, latin1).trim();
        else if (capture === 'batch') batchNote = text(t, latin1).trim();
        capture = 'none';
        captureTarget = null;
      },
    },
  });

  const isRegistration = root === 'Hoso' && fields.registrationForm !== null && /-IVAN$/.test(fields.registrationForm);
  if (opts.forms !== false) {
    for (const f of files) {
      if (!(f.fileType.toLowerCase() === '.xml' || /\.xml$/i.test(f.fileName))) continue;
      f.form = readEmbeddedForm(f, xml);
    }
  }
  const period = fields.period;
  const ownBatch = /đợt\s+(\d{1,3})(?!\d)/i.exec(((batchNote as string | null) ?? '').normalize('NFC'));
  return {
    root,
    kind: root !== 'Hoso' ? 'form' : isRegistration ? 'registration' : 'dossier',
    ivanCode: fields.ivanCode,
    unitCode: fields.unitCode,
    taxCode: fields.taxCode,
    unitName: fields.unitName,
    agencyCode: fields.agencyCode,
    declaredFileCount: fields.declaredFileCount,
    period: period && /^\d{2}\/\d{4}$/.test(period) ? period : null,
    procedure: fields.procedure,
    registrationForm: isRegistration ? fields.registrationForm : null,
    batch: ownBatch ? Number(ownBatch[1]) : (files.find((f) => f.form?.batch != null)?.form?.batch ?? null),
    files,
    rows,
    // Assigned inside the walk's hooks, which TypeScript's narrowing does not follow.
    signature: signature as SignatureSpan | null,
    signatures,
    signatureHolder,
    hasHolder,
  };
}

function registrationPath(path: string[]): string {
  if (path.length !== 6 || path[2] !== 'BHXH') return '';
  return [...path.slice(0, 3), '*', ...path.slice(4)].join('/');
}

/** Decodes an embedded form's Base64 and reads it strictly; errors name the file. */
function readEmbeddedForm(f: DossierFile, envelope: string): FormReading {
  let bytes: string;
  try {
    bytes = atob(f.base64.replace(/\s+/g, ''));
  } catch {
    throw new XmlInputError(
      'XML_MALFORMED',
      0,
      envelope,
      `Nội dung tệp ${f.fileName} không phải Base64 hợp lệ`,
      `${f.fileName}: content is not valid Base64`,
    );
  }
  try {
    const r = readSignedXml(bytes, { latin1: true, forms: false });
    // A dossier inside a dossier: nothing files it, and verifying it would recurse (crafted-dos.test.ts).
    if (r.root === 'Hoso') throw nestedDossier(bytes);
    return { root: r.root, rows: r.rows, signature: r.signature, signatures: r.signatures, batch: r.batch };
  } catch (e) {
    if (e instanceof XmlInputError) {
      throw new XmlInputError(
        e.code,
        e.offset,
        bytes,
        `${f.fileName}: ${e.message.replace(/ \(dòng \d+, cột \d+\)$/, '')}`,
        `${f.fileName}: ${e.messageEn.replace(/ \(line \d+, column \d+\)$/, '')}`,
      );
    }
    throw e;
  }
}

/** An embedded file whose root is itself a `Hoso` envelope is refused (the verifier refuses it the same way). */
export function nestedDossier(xml: string): XmlInputError {
  return new XmlInputError(
    'XML_UNEXPECTED_ELEMENT',
    0,
    xml,
    'Tờ khai nhúng lại là một hồ sơ <Hoso> — không được lồng hồ sơ trong hồ sơ, bị từ chối',
    'The embedded file is itself a <Hoso> dossier — nested dossiers are refused',
  );
}

/** A dossier or registration envelope; anything else (or a form) is refused. */
export function readDossier(xml: string, opts: ReadOptions = {}): DossierReading {
  const r = readSignedXml(xml, opts);
  if (r.root !== 'Hoso') {
    throw new XmlInputError(
      'XML_UNEXPECTED_ELEMENT',
      0,
      xml,
      `Tệp không phải hồ sơ BHXH điện tử (thẻ gốc là <${r.root}>, cần <Hoso>)`,
      `Not a BHXH dossier (root <${r.root}>, expected <Hoso>)`,
    );
  }
  return r;
}
