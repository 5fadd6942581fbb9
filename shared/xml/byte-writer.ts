import { XML_DECLARATION } from './canonical-writer';
import type { XmlSink } from './sink';

// Global in Node ≥ 11 and every browser; declared here because shared/ compiles without DOM or Node types.
declare const TextDecoder: new (label?: string) => { decode(u: Uint8Array): string };

interface Tag {
  open: Uint8Array;
  close: Uint8Array;
  empty: Uint8Array;
}

function ascii(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

/**
 * The canonical writer's output (same bytes as `CanonicalWriter`, UTF-8 encoded) written straight into one growing
 * byte buffer. A 50,000-row D02-TS is 2.2 million elements and ~70 MB: as a JS string that is 140 MB of UTF-16 plus
 * millions of intermediate strings, as bytes it is one buffer (bench/declarations.bench.ts: peak memory goal 300 MB).
 */
export class ByteWriter implements XmlSink {
  private buf: Uint8Array;
  private pos = 0;
  private readonly tags = new Map<string, Tag>();
  private readonly stack: string[] = [];

  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(Math.max(initial, 64));
    // The declaration first: `document()` is then the buffer itself, with no 70 MB copy at the end.
    this.put(ascii(XML_DECLARATION));
  }

  private tag(name: string): Tag {
    let t = this.tags.get(name);
    if (!t) {
      if (!/^[A-Za-z_][\w.-]*$/.test(name)) throw new Error(`ByteWriter: bad element name ${name}`);
      t = { open: ascii(`<${name}>`), close: ascii(`</${name}>`), empty: ascii(`<${name}></${name}>`) };
      this.tags.set(name, t);
    }
    return t;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  private put(b: Uint8Array): void {
    const n = b.length;
    this.ensure(n);
    if (n > 24) {
      this.buf.set(b, this.pos);
      this.pos += n;
      return;
    }
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = b[i]!;
    this.pos = p;
  }

  /**
   * Text content, escaped as `escapeText` does (C14N: `&amp; &lt; &gt; &#xD;`, XML-forbidden controls dropped) and
   * encoded as UTF-8 in the same pass (RFC 3629; a lone surrogate becomes U+FFFD).
   */
  private text(s: string): void {
    const n = s.length;
    this.ensure(n * 5);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x3f || (c >= 0x20 && c !== 0x26 && c !== 0x3c && c !== 0x3e)) buf[p++] = c;
        else if (c === 0x26) {
          buf[p++] = 0x26;
          buf[p++] = 0x61;
          buf[p++] = 0x6d;
          buf[p++] = 0x70;
          buf[p++] = 0x3b;
        } // &amp;
        else if (c === 0x3c) {
          buf[p++] = 0x26;
          buf[p++] = 0x6c;
          buf[p++] = 0x74;
          buf[p++] = 0x3b;
        } // &lt;
        else if (c === 0x3e) {
          buf[p++] = 0x26;
          buf[p++] = 0x67;
          buf[p++] = 0x74;
          buf[p++] = 0x3b;
        } // &gt;
        else if (c === 0x0d) {
          buf[p++] = 0x26;
          buf[p++] = 0x23;
          buf[p++] = 0x78;
          buf[p++] = 0x44;
          buf[p++] = 0x3b;
        } // &#xD;
        else if (c === 0x09 || c === 0x0a) buf[p++] = c;
        // other C0 controls: not allowed in XML 1.0, dropped
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 63);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
          if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            i++;
            buf[p++] = 0xf0 | (c >> 18);
            buf[p++] = 0x80 | ((c >> 12) & 63);
            buf[p++] = 0x80 | ((c >> 6) & 63);
            buf[p++] = 0x80 | (c & 63);
            continue;
          }
          c = 0xfffd;
        } else if (c === 0xfffe || c === 0xffff) continue; // not XML characters
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 63);
        buf[p++] = 0x80 | (c & 63);
      }
    }
    this.pos = p;
  }

  open(name: string): void {
    this.put(this.tag(name).open);
    this.stack.push(name);
  }

  close(name: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top !== name) throw new Error(`ByteWriter: closing <${name}> but <${top ?? ''}> is open`);
    this.stack.pop();
    this.put(this.tag(name).close);
  }

  leaf(name: string, text: string): void {
    const t = this.tag(name);
    if (text === '') return this.put(t.empty);
    this.put(t.open);
    this.text(text);
    this.put(t.close);
  }

  /** Declaration + root as UTF-8 bytes (a view of the buffer; copied only when most of it would be slack). */
  document(): Uint8Array {
    if (this.stack.length) throw new Error(`ByteWriter: <${this.stack.join('><')}> not closed`);
    return this.pos * 2 < this.buf.length ? this.buf.slice(0, this.pos) : this.buf.subarray(0, this.pos);
  }
}

/** UTF-8 bytes → string (for callers that want the XML text). */
export function utf8Decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
