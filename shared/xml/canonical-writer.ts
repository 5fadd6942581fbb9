import type { XmlSink } from './sink';

/** The XML declaration every form and the envelope start with (as the real files do, no newline after it). */
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

// One test for the common case (nothing to do); XML 1.0 §2.2: C0 controls other than TAB, LF, CR cannot appear in a
// document at all, not even escaped.
const NEEDS_WORK = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Text content as inclusive C14N writes it (W3C REC-xml-c14n-20010315 §2.3): `&` `<` `>` as entities and CR as
 * `&#xD;`. Characters XML forbids are dropped — a well-formed file beats a faithful one the gateway rejects.
 */
export function escapeText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#xD;');
}

/**
 * Emits a document whose root element is already in inclusive-C14N form: explicit end tags (no `<x/>`), no
 * whitespace between elements, no attributes or namespace declarations, escaped text, UTF-8 when encoded. So
 * C14N(root) = the root string itself, and a signer can digest the emitted root as is (toolchain notes §3 option C).
 */
export class CanonicalWriter implements XmlSink {
  private out = '';
  private readonly stack: string[] = [];

  open(name: string): void {
    this.out += `<${name}>`;
    this.stack.push(name);
  }

  close(name: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top !== name) throw new Error(`CanonicalWriter: closing <${name}> but <${top ?? ''}> is open`);
    this.stack.pop();
    this.out += `</${name}>`;
  }

  leaf(name: string, text: string): void {
    this.out += `<${name}>${escapeText(text)}</${name}>`;
  }

  /** Appends an already-canonical fragment (a row built by a template). */
  raw(fragment: string): void {
    this.out += fragment;
  }

  /** The root element's canonical bytes (as a string). */
  root(): string {
    if (this.stack.length) throw new Error(`CanonicalWriter: <${this.stack.join('><')}> not closed`);
    return this.out;
  }

  /** Declaration + root: the file as written to disk and embedded in the envelope. */
  document(): string {
    return XML_DECLARATION + this.root();
  }
}
