import { decodeXML } from 'entities';
import { QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { badFile } from './xlsx-zip';
import { isXmlChar } from '../../shared/xml/chars';

/**
 * Streaming XML for the parts of an .xlsx, on htmlparser2's `Tokenizer` in XML mode (maintained; it reports
 * positions instead of building strings and objects, so only what a handler asks for is allocated). Measured on a
 * 50,000-row sheet with its shared strings (16 MB + 3 MB): 0.25–0.30 s CPU against 0.50–0.57 s for saxes 6 and
 * 0.70 s for htmlparser2's own `Parser`, 0.52 s for ltx and 2.2 s for sax-wasm — the difference that lets an import
 * stay within 1.5× of `xmllint --noout` (issue #11, docs/DEVELOPING.md › Spreadsheets).
 *
 * Entities are decoded here, by `entities`' decodeXML (the decoder the tokenizer itself uses, same results), and
 * not by the tokenizer: told to decode, it looks at text and attribute values a character at a time for "&"; told
 * not to, it skips to the next "<" or quote in a tighter loop: fewer instructions per import, counted with valgrind
 * (docs/DEVELOPING.md › Spreadsheets).
 *
 * The tokenizer is lenient; what XML requires of these parts is checked here: every end tag closes the element
 * that is open, every element is closed, attributes have quoted values and appear once, one root element, no
 * DOCTYPE (entity declarations are how XML bombs are made), no markup longer than MAX_MARKUP.
 */
export interface XmlHandler {
  /** A start tag: its local name (namespace prefix dropped) and attributes (valid only during the call). */
  open(name: string, attributes: XmlAttributes): void;
  close(name: string): void;
  /** Character data in pieces (entities decoded; CDATA included); concatenate while collecting. */
  text(piece: string): void;
}

/** The attributes of the tag being opened, reused from tag to tag (no object per element). */
export class XmlAttributes {
  private names: string[] = [];
  private values: string[] = [];
  length = 0;

  /** The value of the attribute with this qualified name (as written, e.g. "r" or "r:id"). */
  get(name: string): string | undefined {
    for (let i = 0; i < this.length; i++) if (this.names[i] === name) return this.values[i];
    return undefined;
  }

  /** The value of the first attribute whose local name is `local` and whose name is not `except`. */
  getLocal(local: string, except?: string): string | undefined {
    for (let i = 0; i < this.length; i++) {
      const n = this.names[i]!;
      if (n !== except && localName(n) === local) return this.values[i];
    }
    return undefined;
  }

  /** A copy that outlives the call (the reader reuses this one for the next tag). */
  copy(): XmlAttributes {
    const c = new XmlAttributes();
    for (let i = 0; i < this.length; i++) c.add(this.names[i]!, this.values[i]!);
    return c;
  }

  clear(): void {
    this.length = 0;
  }

  add(name: string, value: string): boolean {
    if (this.get(name) !== undefined) return false;
    this.names[this.length] = name;
    this.values[this.length] = value;
    this.length++;
    return true;
  }
}

/** What may begin an entity reference that continues in the next piece of text: "&", "&am", "&#x1E". */
const ENTITY_START = /^&(?:[A-Za-z][\w.-]*|#[xX]?[0-9A-Fa-f]*)?$/;

/** A numeric character reference ("&#233;", "&#xE9;"). */
const CHARACTER_REFERENCE = /&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));/g;

/** Longest tag, attribute name, comment or processing instruction taken (text is streamed, never held whole). */
const MAX_MARKUP = 1 << 20;

export function localName(name: string): string {
  if (name.length < 3) return name; // "c", "v": too short for a prefix ("x:c"); most names in a sheet
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/**
 * A streaming reader of one XML document: `write` decoded text as it arrives, then `end`. Errors are AppErrors
 * (BAD_FILE) naming `part`.
 */
export class XmlPartReader {
  private readonly tokenizer: Tokenizer;
  /** Chunks still referred to by the tokenizer's positions, the first starting at `offset`. */
  private buffers: string[] = [];
  private offset = 0;
  private buffered = 0;
  /** Names of the open elements as written, and their local names (each computed once, at the start tag). */
  private readonly stack: string[] = [];
  private readonly localNames: string[] = [];
  private readonly attributes = new XmlAttributes();
  private tag = '';
  private attributeName = '';
  private attributeValue = '';
  private roots = 0;
  /** The end of the last text piece when it may begin an entity reference that the next piece completes. */
  private heldText = '';
  /** The text piece given last in the element now open ('' after markup): what a bad reference is quoted after. */
  private previousText = '';

  constructor(
    private readonly handler: XmlHandler,
    private readonly part: string,
  ) {
    const h = handler;
    const cbs: TokenizerCallbacks = {
      onopentagname: (start, end) => {
        this.tag = this.slice(start, end);
        this.attributes.clear();
      },
      onattribname: (start, end) => {
        this.attributeName = this.slice(start, end);
        this.attributeValue = '';
      },
      onattribdata: (start, end) => {
        this.attributeValue += this.slice(start, end);
      },
      onattribentity: () => undefined, // not called: the tokenizer does not decode (see onattribend)
      onattribend: (quote) => {
        if (quote === QuoteType.NoValue || quote === QuoteType.Unquoted)
          throw this.error(
            `thuộc tính "${this.attributeName}" không có giá trị trong ngoặc kép`,
            `attribute "${this.attributeName}" has no quoted value`,
          );
        const raw = this.attributeValue;
        if (!this.attributes.add(this.attributeName, raw.includes('&') ? this.decode(raw) : raw))
          throw this.error(`thuộc tính "${this.attributeName}" lặp lại`, `attribute "${this.attributeName}" repeated`);
      },
      onopentagend: () => {
        this.flushText();
        this.start();
        const local = localName(this.tag);
        this.stack.push(this.tag);
        this.localNames.push(local);
        h.open(local, this.attributes);
      },
      onselfclosingtag: () => {
        this.flushText();
        this.start();
        const name = localName(this.tag);
        h.open(name, this.attributes);
        h.close(name);
      },
      onclosetag: (start, end) => {
        this.flushText();
        const name = this.slice(start, end);
        const open = this.stack.pop();
        if (open !== name)
          throw this.error(
            open === undefined ? `thẻ đóng </${name}> thừa` : `thẻ đóng </${name}> không khớp <${open}>`,
            open === undefined ? `stray end tag </${name}>` : `end tag </${name}> does not match <${open}>`,
          );
        h.close(this.localNames.pop()!);
      },
      ontext: (start, end) => this.text(this.slice(start, end)),
      ontextentity: () => undefined, // not called: the tokenizer does not decode (see text)
      oncdata: (start, end, endOffset) => {
        this.flushText();
        if (!this.stack.length) throw this.error('có CDATA ngoài phần tử gốc', 'CDATA outside the root element');
        h.text(this.slice(start, end - endOffset));
      },
      ondeclaration: () => {
        throw badFile(
          'tệp có khai báo DOCTYPE (không được phép trong .xlsx)',
          'the file declares a DOCTYPE (not allowed in .xlsx)',
        );
      },
      // A comment or processing instruction ends an entity reference cut at a chunk's end ("&am<!---->p;" is no "&").
      oncomment: () => this.flushText(),
      onprocessinginstruction: () => this.flushText(),
      onend: () => undefined,
    };
    this.tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, cbs);
  }

  write(chunk: string): void {
    if (!chunk) return;
    this.buffers.push(chunk);
    this.buffered += chunk.length;
    this.tokenizer.write(chunk);
    // Positions refer back at most to the start of the markup being read; a tag or comment that keeps several
    // chunks alive is no spreadsheet's.
    if (this.buffered - this.buffers[this.buffers.length - 1]!.length > MAX_MARKUP)
      throw this.error('một thẻ hoặc chú thích dài hơn 1 MB', 'a tag or comment longer than 1 MB');
  }

  end(): void {
    this.tokenizer.end();
    this.flushText();
    if (this.stack.length)
      throw this.error(
        `phần tử <${this.stack[this.stack.length - 1]}> không được đóng`,
        `element <${this.stack[this.stack.length - 1]}> is not closed`,
      );
    if (!this.roots) throw this.error('không có phần tử nào', 'no element');
  }

  /**
   * Character data as the tokenizer cuts it (at markup, and where a chunk ends), entities decoded. A piece that ends
   * in what may be the start of an entity reference ("&am" with "p;" in the next chunk) keeps that tail back until
   * the next piece or markup, so that a reference is decoded whole wherever the inflater cut the text.
   */
  private text(piece: string): void {
    let s = this.heldText ? this.heldText + piece : piece;
    this.heldText = '';
    // indexOf first (most pieces hold no "&"): on these short pieces the profile showed lastIndexOf at 4× its time.
    if (s.indexOf('&') < 0) return this.emitText(s);
    const amp = s.lastIndexOf('&');
    const tail = s.slice(amp);
    if (ENTITY_START.test(tail)) {
      if (tail.length > MAX_MARKUP)
        throw this.error('một tham chiếu ký tự dài hơn 1 MB', 'a character reference longer than 1 MB');
      this.heldText = tail;
      s = s.slice(0, amp);
    }
    this.emitText(this.decode(s, this.previousText));
  }

  /** References decoded (`entities`' decodeXML), once each numeric one is checked to name a character XML allows. */
  private decode(raw: string, previous = ''): string {
    if (raw.includes('&#'))
      for (const m of raw.matchAll(CHARACTER_REFERENCE)) {
        const code = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
        if (!isXmlChar(code)) {
          const before = (previous + raw.slice(0, m.index)).slice(-30);
          throw this.error(
            `tham chiếu ký tự «${m[0].slice(0, 20)}» không phải ký tự hợp lệ trong XML${before ? ` (ngay sau «${before}»)` : ''}`,
            `the character reference "${m[0].slice(0, 20)}" names no character XML allows${before ? ` (right after "${before}")` : ''}`,
          );
        }
      }
    return decodeXML(raw);
  }

  /** The held tail, as it stands: markup follows, so it was no entity reference and stays as written. */
  private flushText(): void {
    if (this.heldText) {
      const s = this.heldText;
      this.heldText = '';
      this.emitText(s);
    }
    this.previousText = '';
  }

  private emitText(s: string): void {
    if (!s) return;
    this.previousText = s;
    if (this.stack.length) this.handler.text(s);
    else if (s.trim()) throw this.error('có chữ ngoài phần tử gốc', 'text outside the root element');
  }

  private start(): void {
    if (!this.stack.length && this.roots++) throw this.error('có hơn một phần tử gốc', 'more than one root element');
  }

  /** Text between two stream positions (the tokenizer counts from the start of the part). */
  private slice(start: number, end: number): string {
    if (start === end) return '';
    while (start - this.offset >= this.buffers[0]!.length) {
      const first = this.buffers.shift()!;
      this.offset += first.length;
      this.buffered -= first.length;
    }
    let s = this.buffers[0]!.slice(start - this.offset, end - this.offset);
    for (let i = 1, at = this.offset + this.buffers[0]!.length; end > at; at += this.buffers[i]!.length, i++)
      s += this.buffers[i]!.slice(0, end - at);
    return s;
  }

  private error(vi: string, en: string) {
    return badFile(`XML hỏng trong ${this.part}: ${vi}`, `malformed XML in ${this.part}: ${en}`);
  }
}
