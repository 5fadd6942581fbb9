/**
 * A tiny element tree and its canonical-form emitter for the registration forms (no attributes, no namespaces,
 * explicit end tags, C14N escaping), so that the bytes we write are the bytes the signature digests
 * (toolchain notes §3 "canonical-emit"). Kept local to I-VAN: the forms are a few dozen elements.
 */
export type XNode = { name: string; text?: string; children?: XNode[] };

export const el = (name: string, content?: string | number | null | XNode[]): XNode =>
  Array.isArray(content) ? { name, children: content } : { name, text: content == null ? '' : String(content) };

function escText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

/** Canonical (C14N) serialisation of the tree; NFC so that Vietnamese text has one byte form. */
export function emitCanonical(node: XNode): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(node.name)) throw new Error(`bad element name ${node.name}`);
  const inner = node.children ? node.children.map(emitCanonical).join('') : escText((node.text ?? '').normalize('NFC'));
  return `<${node.name}>${inner}</${node.name}>`;
}

export function emitDocument(root: XNode): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${emitCanonical(root)}`;
}
