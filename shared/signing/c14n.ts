/**
 * Canonical XML 1.0 (inclusive, without comments — W3C REC-xml-c14n-20010315) of a whole document, written in one
 * linear pass over the text without building a DOM. A generic DOM signer needed over 20 s and 1.5 GB for a
 * 50,000-row form (toolchain notes §4); this walker keeps only the open-element stack.
 *
 * Hooks let the signer find `<Cky>`/`<CKy_Dvi>` and let the verifier drop the enveloped `<Signature>`
 * (XMLDSig §6.6.4, enveloped-signature transform) and collect envelope fields in the same pass.
 *
 * Refused on purpose (hostile or out of profile): DOCTYPE (hence every entity declaration — billion laughs, external
 * entities), undefined entity references, nesting deeper than `maxDepth`.
 */
import { XmlInputError } from './xml-error';
import { isXmlChar } from '../xml/chars';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface C14nSink {
  write(s: string): void;
  /**
   * Optional: source text [from, to) that is already canonical, by offset. A sink that holds the source bytes (the
   * `latin1` byte view, where offsets are byte offsets) hashes them in place instead of receiving a copy.
   */
  range?(from: number, to: number): void;
}

export interface ElementInfo {
  qname: string;
  prefix: string;
  local: string;
  /** Namespace URI of the element ('' when none). */
  ns: string;
  /** 0 for the document element. */
  depth: number;
  /** Offset of `<` of the start tag. */
  start: number;
  /** Offset just after `>` of the start tag. */
  tagEnd: number;
  selfClosing: boolean;
  /** In-scope namespace bindings (prefix → URI, '' for the default namespace), this element's own included. */
  scope: ReadonlyMap<string, string>;
  /** In-scope `xml:*` attributes (local name → value), inherited from ancestors (c14n §2.4 document subsets). */
  xmlAttrs: ReadonlyMap<string, string>;
  /** Attribute value (normalised, references resolved) by qualified name. */
  attr(qname: string): string | undefined;
}

export type StartAction = void | 'skip' | 'capture';

export interface WalkHooks {
  /** Return 'skip' to leave the element and its subtree out of the output, 'capture' to receive its text. */
  start?(el: ElementInfo): StartAction;
  /** `end` is the offset just after the end tag (or the self-closing start tag). */
  end?(el: ElementInfo, end: number): void;
  /** Concatenated character data of a captured element's subtree. */
  captured?(el: ElementInfo, text: string): void;
}

export interface WalkOptions {
  hooks?: WalkHooks;
  maxDepth?: number;
  /**
   * Canonicalise a subtree (the input is one element) as part of a larger document: namespaces and xml:* attributes
   * in scope at that element (from its ancestors) are rendered on it, as c14n does for the apex of a document subset.
   */
  context?: { ns: ReadonlyMap<string, string>; xmlAttrs: ReadonlyMap<string, string> };
  /**
   * The input string is UTF-8 bytes viewed as Latin-1 (one char per byte, as `Buffer#toString('latin1')` gives), and
   * the output is written the same way. Markup is ASCII, so the walk is unchanged; only character references must
   * become UTF-8 bytes. Lets the verifier work on large files without decoding them into two-byte strings.
   */
  latin1?: boolean;
  /**
   * Strict reading for signed dossiers (issue #12): comments, processing instructions and CDATA sections are
   * refused anywhere — a signature excludes comments, so a reader that saw them would read unsigned data — as are
   * control characters, `]]>` in text and invalid element names (what xmllint refuses).
   */
  strict?: boolean;
  /** Call `start`/`end` hooks inside skipped subtrees too (their 'skip'/'capture' answers are ignored there). */
  hooksInSkipped?: boolean;
}

interface RawAttr {
  qname: string;
  value: string;
}

/** One open element: what hooks see, plus the walker's own flags (one object per element). */
class Element implements ElementInfo {
  skip = false;
  capture = false;
  constructor(
    readonly qname: string,
    readonly prefix: string,
    readonly local: string,
    readonly ns: string,
    readonly depth: number,
    readonly start: number,
    readonly tagEnd: number,
    readonly selfClosing: boolean,
    readonly scope: ReadonlyMap<string, string>,
    readonly xmlAttrs: ReadonlyMap<string, string>,
    private readonly attrs: readonly RawAttr[],
  ) {}
  get info(): ElementInfo {
    return this;
  }
  attr(name: string): string | undefined {
    for (const a of this.attrs) if (a.qname === name) return a.value;
    return undefined;
  }
}

type Frame = Element;

const NO_ATTRS: RawAttr[] = [];

/** End of an XML name starting at `from` (stops at whitespace, `/`, `>`, `=`, `<`, quotes). */
function scanName(xml: string, from: number): number {
  let i = from;
  for (;;) {
    const c = xml.charCodeAt(i);
    if (
      c !== c ||
      c === 32 ||
      c === 9 ||
      c === 10 ||
      c === 13 ||
      c === 47 ||
      c === 62 ||
      c === 61 ||
      c === 60 ||
      c === 34 ||
      c === 39
    )
      return i;
    i++;
  }
}

function skipSpace(xml: string, from: number): number {
  let i = from;
  for (;;) {
    const c = xml.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return i;
    i++;
  }
}

function onlySpace(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

/** Character data that c14n changes: `&` (references), `\r` (line ends), `>` (escaped). */
function textNeedsWork(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c === 38 || c === 13 || c === 62) return true;
  }
  return false;
}

const EMPTY_MAP: ReadonlyMap<string, string> = new Map();
const INITIAL_SCOPE: ReadonlyMap<string, string> = new Map([['xml', XML_NS]]);

const ATTR_NEEDS_WORK = /[&\r\n\t<"]/;
/** Characters XML 1.0 forbids (§2.2); bytes 0x80+ are checked as UTF-8 by the caller in Latin-1 mode. */
const FORBIDDEN_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
/** XML names (ASCII rules; any non-ASCII character accepted — Vietnamese names are legal XML). */
const XML_NAME =
  /^[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_.\-\u0080-\uFFFF]*(?::[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_.\-\u0080-\uFFFF]*)?$/;
/** Attribute lists longer than this check duplicates with a Set (linear) instead of a scan (issue #12 item 7). */
const ATTR_SET_THRESHOLD = 8;

/**
 * The XML declaration's encoding must be UTF-8 (or absent): the walk reads the bytes as UTF-8, so a file declaring
 * ISO-8859-1 would be hashed as something other than what every other reader sees (issue #12 item 3).
 */
export function checkDeclaredEncoding(
  declBody: string,
  at: number,
  fail: (code: XmlInputError['code'], at: number, msg: string, en: string) => never,
): void {
  const m = /\bencoding[ \t\r\n]*=[ \t\r\n]*(["'])([^"']*)\1/.exec(declBody);
  if (m && m[2]!.toLowerCase() !== 'utf-8' && m[2]!.toLowerCase() !== 'utf8') {
    fail(
      'XML_ENCODING',
      at,
      `Tệp khai báo bảng mã "${m[2]}" — chỉ nhận UTF-8 (hãy lưu lại tệp dưới dạng UTF-8)`,
      `The file declares encoding "${m[2]}" — only UTF-8 is accepted (save the file as UTF-8)`,
    );
  }
}

/** Canonical form of a whole document (or of one element with `context`). */
export function canonicalize(xml: string, opts: WalkOptions = {}): string {
  const parts: string[] = [];
  walkC14n(xml, { write: (s) => parts.push(s) }, opts);
  return parts.join('');
}

/** Walks `xml` once, writing its canonical form to `sink` (the enveloped Signature left out when a hook skips it). */
export function walkC14n(xml: string, sink: C14nSink, opts: WalkOptions = {}): void {
  const hooks = opts.hooks ?? {};
  const maxDepth = opts.maxDepth ?? 256;
  const n = xml.length;
  const stack: Frame[] = [];
  const latin1 = opts.latin1 === true;
  let i = latin1 ? (xml.startsWith('\xEF\xBB\xBF') ? 3 : 0) : xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const docStart = i;
  let rootSeen = false;
  let rootDone = false;
  let skipDepth = -1; // stack length at which skipping started
  let captureText = null as string[] | null;
  // Source text that is already canonical is passed on as one slice per run instead of token by token: for
  // canonical-writer output the whole document is a handful of writes (fewer strings, faster hashing).
  let runStart = -1;
  let runEnd = -1;
  const flush = () => {
    if (runStart >= 0) {
      if (sink.range) sink.range(runStart, runEnd);
      else sink.write(xml.slice(runStart, runEnd));
    }
    runStart = -1;
  };
  const verbatim = (from: number, to: number) => {
    if (runStart >= 0 && runEnd === from) runEnd = to;
    else {
      flush();
      runStart = from;
      runEnd = to;
    }
  };
  const emit = (s: string) => {
    flush();
    sink.write(s);
  };

  const fail = (code: XmlInputError['code'], at: number, msg: string, en: string): never => {
    throw new XmlInputError(code, at, xml, msg, en);
  };
  const strict = opts.strict === true;
  const hooksInSkipped = opts.hooksInSkipped === true;
  const c0 = xml.charCodeAt(0);
  if ((latin1 && (xml.startsWith('\xFF\xFE') || xml.startsWith('\xFE\xFF'))) || c0 === 0xfffe) {
    fail('XML_ENCODING', 0, 'Tệp mã hóa UTF-16 — chỉ nhận UTF-8', 'The file is UTF-16 — only UTF-8 is accepted');
  }
  if (strict) {
    const bad = FORBIDDEN_CHAR.exec(xml);
    if (bad)
      fail(
        'XML_MALFORMED',
        bad.index,
        `Ký tự điều khiển không hợp lệ trong XML (mã ${bad[0].charCodeAt(0)})`,
        `Character not allowed in XML (code ${bad[0].charCodeAt(0)})`,
      );
  }
  const validNames = new Set<string>();

  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      if (stack.length === 0) {
        if (!/^[ \t\r\n]*$/.test(xml.slice(i, textEnd)))
          fail('XML_MALFORMED', i, 'Có ký tự nằm ngoài phần tử gốc', 'Text outside the document element');
      } else if (textNeedsWork(xml, i, textEnd)) {
        if (strict && xml.slice(i, textEnd).includes(']]>'))
          fail(
            'XML_MALFORMED',
            i,
            'Chuỗi "]]>" không được nằm trong nội dung',
            'The sequence "]]>" is not allowed in content',
          );
        const text = canonText(xml.slice(i, textEnd), i, fail, captureText, latin1);
        if (skipDepth < 0) emit(text);
      } else {
        captureText?.push(xml.slice(i, textEnd));
        if (skipDepth < 0) verbatim(i, textEnd);
      }
    }
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 47 /* / */) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0) fail('XML_MALFORMED', lt, 'Thẻ đóng không kết thúc', 'Unterminated end tag');
      const frame = stack.pop();
      const q = frame ? frame.info.qname : '';
      if (!frame || !xml.startsWith(q, lt + 2) || !onlySpace(xml, lt + 2 + q.length, gt)) {
        const name = xml.slice(lt + 2, gt).trimEnd();
        fail(
          'XML_MALFORMED',
          lt,
          `Thẻ đóng </${name}> không khớp với thẻ mở`,
          `End tag </${name}> does not match the start tag`,
        );
      }
      closeElement(frame!, gt + 1, lt);
      i = gt + 1;
      continue;
    }
    if (c === 63 /* ? */) {
      const close = xml.indexOf('?>', lt + 2);
      if (close < 0) fail('XML_MALFORMED', lt, 'Chỉ thị xử lý không kết thúc', 'Unterminated processing instruction');
      const body = xml.slice(lt + 2, close);
      const m = /^([^\s?]+)(?:[ \t\r\n]+([\s\S]*))?$/.exec(body);
      if (!m) fail('XML_MALFORMED', lt, 'Chỉ thị xử lý sai cú pháp', 'Malformed processing instruction');
      const target = m![1]!;
      if (target.toLowerCase() === 'xml') {
        if (lt !== docStart || rootSeen)
          fail('XML_MALFORMED', lt, 'Khai báo XML phải ở đầu tệp', 'The XML declaration must come first');
        checkDeclaredEncoding(m![2] ?? '', lt, fail);
      } else if (strict) {
        fail(
          'XML_FORBIDDEN_MARKUP',
          lt,
          `Tệp có chỉ thị xử lý <?${target} …?> — hồ sơ ký số không được chứa (phần này nằm ngoài chữ ký)`,
          `Processing instruction <?${target} …?> refused in a signed dossier`,
        );
      } else if (skipDepth < 0) {
        const data = (m![2] ?? '').replace(/\r\n?/g, '\n');
        const pi = `<?${target}${data ? ' ' + data : ''}?>`;
        if (stack.length) emit(pi);
        else if (!rootSeen) emit(pi + '\n');
        else emit('\n' + pi);
      }
      i = close + 2;
      continue;
    }
    if (c === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        if (strict)
          fail(
            'XML_FORBIDDEN_MARKUP',
            lt,
            'Tệp có chú thích <!-- … --> — bị từ chối: chú thích nằm ngoài chữ ký nên có thể che giấu dữ liệu',
            'Comment <!-- … --> refused: comments are outside the signature and can hide data',
          );
        const close = xml.indexOf('-->', lt + 4);
        if (close < 0) fail('XML_MALFORMED', lt, 'Chú thích không kết thúc', 'Unterminated comment');
        i = close + 3; // c14n without comments
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        if (strict)
          fail(
            'XML_FORBIDDEN_MARKUP',
            lt,
            'Tệp có đoạn CDATA — hồ sơ ký số không được chứa',
            'CDATA section refused in a signed dossier',
          );
        if (!stack.length)
          fail('XML_MALFORMED', lt, 'CDATA nằm ngoài phần tử gốc', 'CDATA outside the document element');
        const close = xml.indexOf(']]>', lt + 9);
        if (close < 0) fail('XML_MALFORMED', lt, 'CDATA không kết thúc', 'Unterminated CDATA section');
        const data = xml.slice(lt + 9, close).replace(/\r\n?/g, '\n');
        captureText?.push(data);
        if (skipDepth < 0) emit(escapeText(data));
        i = close + 3;
        continue;
      }
      if (/^<!DOCTYPE/i.test(xml.slice(lt, lt + 9))) {
        fail(
          'XML_DOCTYPE',
          lt,
          'Tệp có khai báo DOCTYPE/ENTITY — bị từ chối vì lý do an toàn',
          'DOCTYPE/ENTITY declarations are refused for safety',
        );
      }
      fail('XML_MALFORMED', lt, 'Cú pháp <! không hợp lệ', 'Invalid <! markup');
    }
    // start tag
    if (rootDone) fail('XML_MALFORMED', lt, 'Tệp có nhiều hơn một phần tử gốc', 'More than one document element');
    const nameEnd = scanName(xml, lt + 1);
    if (nameEnd === lt + 1) fail('XML_MALFORMED', lt, 'Tên thẻ không hợp lệ', 'Invalid tag name');
    const qname = xml.slice(lt + 1, nameEnd);
    if (strict && !validNames.has(qname)) {
      if (!XML_NAME.test(qname))
        fail('XML_MALFORMED', lt, `Tên thẻ <${qname}> không hợp lệ`, `Invalid element name <${qname}>`);
      validNames.add(qname);
    }
    let p = nameEnd;
    let seen: Set<string> | null = null;
    let attrs: RawAttr[] = NO_ATTRS;
    let selfClosing = false;
    for (;;) {
      const c0 = xml.charCodeAt(p);
      if (c0 === 62 /* > */) {
        p += 1;
        break;
      }
      // Character loops, not regex exec: no allocation per attribute (200,000 attributes stay well under a second).
      const p0 = p;
      p = skipSpace(xml, p);
      const hadSpace = p > p0;
      const ch = xml.charCodeAt(p);
      if (ch === 62 /* > */) {
        p += 1;
        break;
      }
      if (ch === 47 /* / */ && xml.charCodeAt(p + 1) === 62) {
        selfClosing = true;
        p += 2;
        break;
      }
      if (!hadSpace) fail('XML_MALFORMED', p, `Thẻ <${qname}> sai cú pháp`, `Malformed start tag <${qname}>`);
      const anEnd = scanName(xml, p);
      if (anEnd === p)
        fail('XML_MALFORMED', p, `Thuộc tính trong thẻ <${qname}> sai cú pháp`, `Malformed attribute in <${qname}>`);
      const an = xml.slice(p, anEnd);
      p = skipSpace(xml, anEnd);
      if (xml.charCodeAt(p) !== 61 /* = */)
        fail('XML_MALFORMED', p, `Thuộc tính ${an} thiếu dấu =`, `Attribute ${an} lacks =`);
      p = skipSpace(xml, p + 1);
      const q = xml[p];
      if (q !== '"' && q !== "'")
        fail(
          'XML_MALFORMED',
          p,
          `Giá trị thuộc tính ${an} phải trong dấu nháy`,
          `Attribute ${an} value must be quoted`,
        );
      const qEnd = xml.indexOf(q!, p + 1);
      if (qEnd < 0) fail('XML_MALFORMED', p, 'Giá trị thuộc tính không kết thúc', 'Unterminated attribute value');
      const rawVal = xml.slice(p + 1, qEnd);
      const value = ATTR_NEEDS_WORK.test(rawVal) ? attrValue(rawVal, p, fail, latin1) : rawVal;
      if (attrs === NO_ATTRS) attrs = [];
      // Linear: a scan for short lists, a Set once the list grows (200,000 attributes stay well under a second).
      if (attrs.length === ATTR_SET_THRESHOLD) seen = new Set(attrs.map((a) => a.qname));
      const dup = seen ? seen.has(an) : attrs.some((a) => a.qname === an);
      if (dup) fail('XML_MALFORMED', p, `Thuộc tính ${an} lặp lại`, `Duplicate attribute ${an}`);
      seen?.add(an);
      attrs.push({ qname: an, value });
      p = qEnd + 1;
    }
    if (stack.length >= maxDepth)
      fail('XML_TOO_DEEP', lt, `Tệp lồng quá ${maxDepth} cấp`, `Nesting deeper than ${maxDepth} levels`);
    rootSeen = true;

    const parent = stack[stack.length - 1];
    const isApex = !parent;
    const parentScope = parent
      ? parent.info.scope
      : opts.context
        ? mergeScope(INITIAL_SCOPE, opts.context.ns)
        : INITIAL_SCOPE;
    const parentXml = parent ? parent.info.xmlAttrs : (opts.context?.xmlAttrs ?? EMPTY_MAP);

    // Namespace declarations and ordinary attributes.
    let scope = parentScope;
    let nsDecls: [string, string][] | null = null;
    let plain: RawAttr[] | null = null;
    let xmlAttrs = parentXml;
    for (const a of attrs) {
      if (a.qname === 'xmlns' || a.qname.startsWith('xmlns:')) {
        const prefix = a.qname === 'xmlns' ? '' : a.qname.slice(6);
        (nsDecls ??= []).push([prefix, a.value]);
      } else {
        (plain ??= []).push(a);
        if (a.qname.startsWith('xml:')) {
          if (xmlAttrs === parentXml) xmlAttrs = new Map(parentXml);
          (xmlAttrs as Map<string, string>).set(a.qname.slice(4), a.value);
        }
      }
    }
    if (nsDecls) {
      const m = new Map(parentScope);
      for (const [pfx, uri] of nsDecls) m.set(pfx, uri);
      scope = m;
    }
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    const ns = scope.get(prefix) ?? '';
    if (prefix && !scope.has(prefix))
      fail('XML_MALFORMED', lt, `Tiền tố ${prefix} chưa khai báo`, `Undeclared prefix ${prefix}`);

    const info = new Element(qname, prefix, local, ns, stack.length, lt, p, selfClosing, scope, xmlAttrs, attrs);
    const frame: Frame = info;
    if (skipDepth >= 0 && hooksInSkipped) hooks.start?.(info);
    else if (skipDepth < 0 && hooks.start) {
      const act = hooks.start(info);
      if (act === 'skip') {
        frame.skip = true;
        skipDepth = stack.length;
      } else if (act === 'capture' && !captureText) {
        frame.capture = true;
        captureText = [];
      }
    }
    if (skipDepth < 0) {
      if (
        !plain &&
        !nsDecls &&
        !isApex &&
        xml.charCodeAt(p - 1) === 62 &&
        !selfClosing &&
        p - lt === qname.length + 2
      ) {
        verbatim(lt, p); // already canonical: `<Name>`
      } else {
        const tag = renderStartTag(
          qname,
          isApex,
          parentScope,
          scope,
          nsDecls,
          plain,
          isApex ? xmlAttrs : EMPTY_MAP,
          fail,
          lt,
        );
        if (!selfClosing && tag.length === p - lt && xml.startsWith(tag, lt)) verbatim(lt, p);
        else emit(tag);
      }
    }
    stack.push(frame);
    if (selfClosing) {
      stack.pop();
      closeElement(frame, p, -1);
    }
    i = p;
  }
  flush();
  if (stack.length)
    fail(
      'XML_MALFORMED',
      n,
      `Thẻ <${stack[stack.length - 1]!.info.qname}> chưa được đóng`,
      `Element <${stack[stack.length - 1]!.info.qname}> is not closed`,
    );
  if (!rootSeen) fail('XML_MALFORMED', 0, 'Tệp không có phần tử gốc', 'No document element');

  function closeElement(frame: Frame, end: number, tagStart: number): void {
    if (skipDepth < 0) {
      // `</Name>` with no space before `>` is already canonical.
      if (tagStart >= 0 && end - tagStart === frame.info.qname.length + 3) verbatim(tagStart, end);
      else emit(`</${frame.info.qname}>`);
    }
    if (frame.skip) skipDepth = -1;
    if (frame.capture && captureText) {
      const text = captureText.join('');
      captureText = null;
      hooks.captured?.(frame.info, text);
    }
    if (skipDepth < 0 || frame.skip || hooksInSkipped) hooks.end?.(frame.info, end);
    if (stack.length === 0) rootDone = true;
  }
}

function mergeScope(
  base: ReadonlyMap<string, string>,
  extra: ReadonlyMap<string, string>,
): ReadonlyMap<string, string> {
  const m = new Map(base);
  for (const [k, v] of extra) m.set(k, v);
  return m;
}

type Fail = (code: XmlInputError['code'], at: number, msg: string, en: string) => never;

function renderStartTag(
  qname: string,
  isApex: boolean,
  parentScope: ReadonlyMap<string, string>,
  scope: ReadonlyMap<string, string>,
  nsDecls: [string, string][] | null,
  plain: RawAttr[] | null,
  inheritedXml: ReadonlyMap<string, string>,
  fail: Fail,
  at: number,
): string {
  let out = '<' + qname;
  // Namespace nodes (c14n §2.3 + §4.7 "superfluous namespace declarations"): default first, then by prefix.
  const rendered: [string, string][] = [];
  if (isApex) {
    // The apex renders every namespace in scope that differs from "nothing rendered yet".
    for (const [pfx, uri] of scope) {
      if (pfx === 'xml') continue;
      if (pfx === '' && uri === '') continue;
      rendered.push([pfx, uri]);
    }
  } else if (nsDecls) {
    for (const [pfx, uri] of nsDecls) {
      if (pfx === 'xml') continue;
      const before = parentScope.get(pfx) ?? (pfx === '' ? '' : undefined);
      if (before === uri) continue;
      if (pfx === '' && uri === '' && before === undefined) continue;
      rendered.push([pfx, uri]);
    }
  }
  if (rendered.length > 1) rendered.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [pfx, uri] of rendered) out += (pfx ? ` xmlns:${pfx}="` : ' xmlns="') + escapeAttr(uri) + '"';

  let list = plain ?? [];
  if (isApex && inheritedXml.size) {
    const own = new Set(list.filter((a) => a.qname.startsWith('xml:')).map((a) => a.qname));
    const extra: RawAttr[] = [];
    for (const [k, v] of inheritedXml) if (!own.has('xml:' + k)) extra.push({ qname: 'xml:' + k, value: v });
    if (extra.length) list = [...list, ...extra];
  }
  if (list.length > 1 && !list.some((a) => a.qname.includes(':'))) {
    // No prefixed attribute: every namespace URI is '', so the order is by name alone (no keyed copies).
    list = list.slice().sort((x, y) => (x.qname < y.qname ? -1 : x.qname > y.qname ? 1 : 0));
  } else if (list.length > 1) {
    const keyed = list.map((a) => {
      const c = a.qname.indexOf(':');
      if (c < 0) return { a, uri: '', local: a.qname };
      const pfx = a.qname.slice(0, c);
      const uri = scope.get(pfx);
      if (uri === undefined || uri === '')
        fail('XML_MALFORMED', at, `Tiền tố ${pfx} chưa khai báo`, `Undeclared prefix ${pfx}`);
      return { a, uri: uri!, local: a.qname.slice(c + 1) };
    });
    keyed.sort((x, y) => (x.uri < y.uri ? -1 : x.uri > y.uri ? 1 : x.local < y.local ? -1 : x.local > y.local ? 1 : 0));
    list = keyed.map((k) => k.a);
  }
  for (const a of list) out += ` ${a.qname}="${escapeAttr(a.value)}"`;
  return out + '>';
}

/** Character data: line ends normalised (XML §2.11), references resolved, then c14n escaping. */
function canonText(raw: string, at: number, fail: Fail, capture: string[] | null, latin1: boolean): string {
  const decoded = resolveRefs(raw.replace(/\r\n?/g, '\n'), at, fail, latin1);
  capture?.push(decoded);
  return escapeText(decoded);
}

/** Attribute value normalisation for CDATA attributes (XML §3.3.3) and reference resolution. */
function attrValue(raw: string, at: number, fail: Fail, latin1: boolean): string {
  if (raw.includes('<')) fail('XML_MALFORMED', at, 'Giá trị thuộc tính chứa ký tự <', 'Attribute value contains <');
  return resolveRefs(raw.replace(/\r\n|[\r\n\t]/g, ' '), at, fail, latin1);
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A code point as its UTF-8 bytes, one Latin-1 char per byte (RFC 3629 §3). */
function utf8Latin1(cp: number): string {
  if (cp < 0x80) return String.fromCharCode(cp);
  if (cp < 0x800) return String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  if (cp < 0x10000) return String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  return String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

function resolveRefs(s: string, at: number, fail: Fail, latin1 = false): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&<\s]*)(;?)/g, (whole: string, ref: string, semi: string) => {
    if (!semi || !ref)
      fail(
        'XML_MALFORMED',
        at,
        `Ký tự & không mở đầu một tham chiếu hợp lệ ("${whole}")`,
        `Bare & or unterminated reference ("${whole}")`,
      );
    if (ref[0] === '#') {
      const hex = ref[1] === 'x';
      const digits = ref.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits))
        fail('XML_MALFORMED', at, `Mã ký tự ${whole} không hợp lệ`, `Invalid character reference ${whole}`);
      const cp = parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(cp))
        fail('XML_MALFORMED', at, `Mã ký tự ${whole} không hợp lệ`, `Invalid character reference ${whole}`);
      return latin1 ? utf8Latin1(cp) : String.fromCodePoint(cp);
    }
    const v = PREDEFINED[ref];
    if (v === undefined)
      fail(
        'XML_ENTITY',
        at,
        `Thực thể &${ref}; không được định nghĩa (tệp không được dùng thực thể)`,
        `Undefined entity &${ref}; (entities are refused)`,
      );
    return v!;
  });
}

export function escapeText(s: string): string {
  if (!/[&<>\r]/.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

export function escapeAttr(s: string): string {
  if (!/[&<"\t\n\r]/.test(s)) return s;
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}
