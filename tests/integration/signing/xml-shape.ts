/**
 * A structural view of small XML files for comparing ours with real ones (real-samples-all.test.ts): element paths with
 * their text, the Signature's element/attribute shape, byte-level style. For these files only: no comments, CDATA or
 * `>` inside attribute values (the strict reader refuses the first two; none of the files has the third).
 */
export interface Tok {
  kind: 'decl' | 'open' | 'close' | 'empty' | 'text';
  name: string;
  /** Attribute names in order (`xmlns:xsi`, `Id` …); values are signature/ID material, compared where it matters. */
  attrs: string[];
  raw: string;
}

/** A tokenizer for these files only (no comments, CDATA or `>` in attribute values: checked by the strict reader). */
export function tokens(xml: string): Tok[] {
  const out: Tok[] = [];
  const re = /<\?[^>]*\?>|<(\/?)([\w.:-]+)((?:\s+[\w.:-]+="[^"]*")*)\s*(\/?)>|[^<]+/g;
  for (const m of xml.matchAll(re)) {
    const raw = m[0];
    if (raw.startsWith('<?')) out.push({ kind: 'decl', name: '', attrs: [], raw });
    else if (!raw.startsWith('<')) out.push({ kind: 'text', name: '', attrs: [], raw });
    else {
      const attrs = [...(m[3] ?? '').matchAll(/([\w.:-]+)="/g)].map((a) => a[1]!);
      out.push({ kind: m[1] ? 'close' : m[4] ? 'empty' : 'open', name: m[2]!, attrs, raw });
    }
  }
  return out;
}

/** Element paths with their text, `<X />` and `<X></X>` alike, the Signature left out: what a reader of the form sees. */
export function content(xml: string): string[] {
  const lines: string[] = [];
  const path: string[] = [];
  let inSig = 0;
  let text = '';
  for (const t of tokens(xml)) {
    if (t.name === 'Signature' || inSig) {
      if (t.kind === 'open') inSig++;
      if (t.kind === 'close') inSig--;
      continue;
    }
    if (t.kind === 'open') {
      path.push(t.name);
      text = '';
    } else if (t.kind === 'text') text += t.raw;
    else if (t.kind === 'empty') lines.push(`${[...path, t.name].join('/')}=`);
    else if (t.kind === 'close') {
      lines.push(`${path.join('/')}=${text}`);
      path.pop();
      text = '';
    }
  }
  return lines;
}

/** The Signature as element paths with attribute names (values vary: Ids, digests, times). */
export function signatureShape(xml: string): string[] {
  const lines: string[] = [];
  const path: string[] = [];
  let inSig = false;
  for (const t of tokens(xml)) {
    if (t.name === 'Signature' && t.kind === 'open') inSig = true;
    if (!inSig || t.kind === 'text') continue;
    if (t.kind === 'open' || t.kind === 'empty') lines.push(`${[...path, t.name].join('/')}[${t.attrs.join(' ')}]`);
    if (t.kind === 'open') path.push(t.name);
    if (t.kind === 'close') path.pop();
    if (t.name === 'Signature' && t.kind === 'close') inSig = false;
  }
  return lines;
}

/** Byte-level style: the things a structural comparison does not see. */
export function style(bytes: Buffer) {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const toks = tokens(text);
  const root = toks.find((t) => t.kind === 'open')!;
  const empties = new Set<string>();
  for (const m of text.matchAll(/<[\w.:-]+((?:\s+[\w.:-]+="[^"]*")*)(\s*)\/>|<([\w.:-]+)[^>]*><\/\3>/g))
    empties.add(m[3] ? '<X></X>' : m[2] ? '<X />' : '<X/>');
  return {
    bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf,
    declaration: toks[0]!.raw,
    afterDeclaration: JSON.stringify(text.slice(toks[0]!.raw.length, toks[0]!.raw.length + 1)),
    lineEnds: /\r\n/.test(text) ? 'CRLF' : /\n/.test(text) ? 'LF' : 'none',
    rootAttributes: root.attrs,
    empties: [...empties].sort(),
  };
}
