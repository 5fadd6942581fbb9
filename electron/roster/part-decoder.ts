import { badFile } from './xlsx-zip';

/** Text kept from before the current chunk, to show the clerk where a bad byte sits. */
const CONTEXT_CHARS = 200;
/** Characters of that text quoted in the message. */
const QUOTED_CHARS = 30;

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The text of an .xlsx part from its bytes as they are inflated, decoded strictly. ECMA-376 parts are UTF-8, or UTF-16
 * with its byte-order mark, and a byte sequence that is no text in that encoding makes the XML not well-formed (XML
 * 1.0 §4.3.3: a fatal error — Excel refuses the file, and so does `xmllint`). A TextDecoder without `fatal` put U+FFFD
 * in its place: a person stored as "Nguy�n V�n An" without a word, from a workbook a home-grown exporter wrote in
 * Windows-1258 while declaring UTF-8 (issue #11: never U+FFFD). The error names the part, the byte (as xmllint
 * does), the text before it and, in a sheet, the cell.
 */
export class PartDecoder {
  private decoder: InstanceType<typeof TextDecoder> | null = null;
  private encoding: Encoding = 'utf-8';
  /** Bytes of the part decoded before the current chunk. */
  private consumed = 0;
  /** The last bytes of the previous chunk: a UTF-8 character cut there continues in the next one. */
  private lastBytes: Uint8Array = new Uint8Array(0);
  /** The end of the text decoded so far. */
  private context = '';
  /** The part's first byte while the second, which tells a byte-order mark, has not come. */
  private pending: Uint8Array = new Uint8Array(0);

  constructor(private readonly part: string) {}

  decode(chunk: Uint8Array): string {
    if (!this.decoder) {
      // The byte-order mark may be cut between two chunks: wait for its two bytes.
      if (this.pending.length + chunk.length < 2) {
        this.pending = concat(this.pending, chunk);
        return '';
      }
      chunk = concat(this.pending, chunk);
      this.pending = new Uint8Array(0);
      this.encoding =
        chunk[0] === 0xff && chunk[1] === 0xfe
          ? 'utf-16le'
          : chunk[0] === 0xfe && chunk[1] === 0xff
            ? 'utf-16be'
            : 'utf-8';
      this.decoder = new TextDecoder(this.encoding, { fatal: true });
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch (e) {
      if (e instanceof TypeError) throw this.error(chunk, false);
      throw e;
    }
    this.consumed += chunk.length;
    this.lastBytes = lastThree(this.lastBytes, chunk);
    this.context =
      text.length >= CONTEXT_CHARS ? text.slice(-CONTEXT_CHARS) : (this.context + text).slice(-CONTEXT_CHARS);
    return text;
  }

  /** What the decoder still holds once the part is read: a character cut short by the end of the part is an error. */
  end(): string {
    if (!this.decoder) {
      if (!this.pending.length) return '';
      // A part of one byte: no byte-order mark, so UTF-8.
      this.decoder = new TextDecoder('utf-8', { fatal: true });
      const one = this.pending;
      this.pending = new Uint8Array(0);
      return this.decode(one) + this.end();
    }
    try {
      return this.decoder.decode();
    } catch (e) {
      if (e instanceof TypeError) throw this.error(new Uint8Array(0), true);
      throw e;
    }
  }

  /** The first bad byte sequence of `chunk` (with what the decoder held from the previous one), as an AppError. */
  private error(chunk: Uint8Array, atEnd: boolean): Error {
    const held = heldBytes(this.lastBytes, this.consumed, this.encoding);
    const bytes = concat(held, chunk);
    let start: number;
    let end: number;
    if (atEnd) {
      start = 0;
      end = bytes.length;
    } else {
      // The shortest prefix a fresh strict decoder refuses: its last byte is where the text stops being valid.
      let lo = 1;
      let hi = bytes.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (refuses(bytes.subarray(0, mid), this.encoding)) hi = mid;
        else lo = mid + 1;
      }
      end = hi;
      start = sequenceStart(bytes, hi - 1, this.encoding);
    }
    const hex = [...bytes.subarray(start, Math.min(end, start + 4))]
      .map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(' ');
    const before = this.context + new TextDecoder(this.encoding).decode(bytes.subarray(0, start));
    const position = this.consumed - held.length + start + 1;
    const cell = openCell(before);
    const quoted = quote(before);
    const name = this.encoding === 'utf-8' ? 'UTF-8' : 'UTF-16';
    const what = atEnd ? `${hex} ở cuối phần là một ký tự ${name} bị cắt dở` : `${hex} không phải ký tự ${name}`;
    const whatEn = atEnd ? `${hex} at the end of the part is a cut ${name} character` : `${hex} is no ${name} text`;
    return badFile(
      `phần ${this.part}${cell ? `, ô ${cell}` : ''}, byte thứ ${position.toLocaleString('vi-VN')}: ${what}${quoted ? ` (ngay sau «${quoted}»)` : ''} — tệp bị hỏng hoặc bị phần mềm tạo ra nó ghi sai bảng mã: hãy lấy lại tệp gốc hoặc xuất lại tệp`,
      `part ${this.part}${cell ? `, cell ${cell}` : ''}, byte ${position}: ${whatEn}${quoted ? ` (right after "${quoted}")` : ''} — the file is damaged or the program that made it wrote the wrong encoding: get the original or export it again`,
    );
  }
}

/** The last three bytes seen, across chunks (a chunk may be shorter than a character). */
function lastThree(previous: Uint8Array, chunk: Uint8Array): Uint8Array {
  if (chunk.length >= 3) return chunk.slice(chunk.length - 3);
  const both = concat(previous, chunk);
  return both.slice(Math.max(0, both.length - 3));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (!a.length) return b;
  const both = new Uint8Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return both;
}

/** True when a fresh strict decoder, streaming, refuses these bytes (a character cut at the end is no refusal). */
function refuses(bytes: Uint8Array, encoding: Encoding): boolean {
  try {
    new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
    return false;
  } catch {
    return true;
  }
}

/**
 * The bytes at the end of what was decoded that a streaming decoder holds back: the start of a UTF-8 character not
 * yet complete; in UTF-16 an odd byte, and a high surrogate waiting for its pair.
 */
function heldBytes(last: Uint8Array, consumed: number, encoding: Encoding): Uint8Array {
  if (encoding === 'utf-8') {
    for (let i = last.length - 1; i >= 0; i--) {
      const b = last[i]!;
      if ((b & 0xc0) === 0x80) continue; // a continuation byte: the character began earlier
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return length > last.length - i ? last.slice(i) : new Uint8Array(0);
    }
    return new Uint8Array(0);
  }
  const odd = consumed % 2;
  const unit = last.length - odd - 2; // the last complete code unit
  if (unit < 0) return last.slice(last.length - odd);
  const value = encoding === 'utf-16le' ? last[unit]! | (last[unit + 1]! << 8) : (last[unit]! << 8) | last[unit + 1]!;
  return last.slice(value >= 0xd800 && value <= 0xdbff ? unit : last.length - odd);
}

/** Where the bad sequence whose last byte is `bad` began. */
function sequenceStart(bytes: Uint8Array, bad: number, encoding: Encoding): number {
  if (encoding !== 'utf-8') {
    const unit = bad - 1; // refused when a code unit completes
    const le = encoding === 'utf-16le';
    const prev =
      unit >= 2 ? (le ? bytes[unit - 2]! | (bytes[unit - 1]! << 8) : (bytes[unit - 2]! << 8) | bytes[unit - 1]!) : 0;
    return prev >= 0xd800 && prev <= 0xdbff ? unit - 2 : Math.max(0, unit);
  }
  // A lead byte followed by too few continuation bytes: the sequence starts at the lead byte.
  let start = bad;
  while (start > 0 && bad - start < 3 && (bytes[start - 1]! & 0xc0) === 0x80) start--;
  if (start > 0 && bad - start < 3 && (bytes[start - 1]! & 0xc0) === 0xc0) start--;
  return start;
}

/** The cell whose start tag is the last one open in `before` (a sheet), if any. */
function openCell(before: string): string | undefined {
  let cell: string | undefined;
  for (const m of before.matchAll(/<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3}\d+)"[^>]*>/g))
    cell = m[0].endsWith('/>') ? undefined : m[1];
  if (cell && /<\/(?:\w+:)?c>/.test(before.slice(before.lastIndexOf(`r="${cell}"`)))) return undefined;
  return cell;
}

/**
 * The text just before the bad byte as the clerk would see it: the cell's own text when the byte is inside one (what
 * follows the last tag), else the text before it; markup dropped, spaces collapsed, the last QUOTED_CHARS characters.
 */
function quote(before: string): string {
  const own = before.slice(before.lastIndexOf('>') + 1);
  const text = (own.trim() ? own : before)
    .replace(/^[^<]*>/, '') // the end of a tag cut by the context window
    .replace(/<[^>]*>/g, ' ')
    .replace(/<[^>]*$/, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > QUOTED_CHARS ? `…${text.slice(-QUOTED_CHARS)}` : text;
}
