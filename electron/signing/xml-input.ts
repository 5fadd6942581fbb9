/** Guards shared by signing and verification: size limit and XML errors as AppError values. */
import { createHash, type Hash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { AppError } from '../core/app-error';
import { XmlInputError } from '../../shared/signing/xml-error';
import type { C14nSink } from '../../shared/signing/c14n';

/** 50,000 rows are about 19 MB per form and 50 MB for the envelope; anything far beyond is refused unread. */
export const DEFAULT_MAX_XML_BYTES = 256 * 1024 * 1024;

export function asAppError(e: unknown): unknown {
  if (e instanceof XmlInputError) {
    return new AppError(e.code, e.message, { en: e.messageEn, details: { line: e.line, column: e.column } });
  }
  return e;
}

/**
 * Bytes must be UTF-8 (the declaration is checked by the walker): what we hash is what xmlsec1 and BHXH read.
 * Transcoding was the alternative; refusing keeps one byte form per dossier (issue #12 item 3).
 */
export function checkUtf8(bytes: Uint8Array, name: string): void {
  if (!isUtf8(bytes)) {
    throw new AppError(
      'XML_ENCODING',
      `${name}: tệp không phải UTF-8 hợp lệ — chỉ nhận UTF-8 (hãy lưu lại tệp dưới dạng UTF-8)`,
      { en: `${name}: the file is not valid UTF-8 — only UTF-8 is accepted (save it as UTF-8)` },
    );
  }
}

export function checkSize(bytes: number, max = DEFAULT_MAX_XML_BYTES): void {
  if (bytes > max) {
    throw new AppError(
      'XML_TOO_LARGE',
      `Tệp quá lớn (${Math.round(bytes / 1048576)} MB, tối đa ${Math.round(max / 1048576)} MB) — bị từ chối`,
      {
        en: `File too large (${Math.round(bytes / 1048576)} MB, limit ${Math.round(max / 1048576)} MB) — refused`,
        details: { bytes, max },
      },
    );
  }
}

/** A c14n sink that feeds SHA-256 in 64 KB batches instead of keeping the canonical text. */
export class Sha256Sink implements C14nSink {
  private readonly hash: Hash = createHash('sha256');
  private buf = '';
  /** 'latin1' when the canonical text is UTF-8 bytes viewed as Latin-1 (walkC14n `latin1` mode). */
  constructor(private readonly encoding: 'utf8' | 'latin1' = 'utf8') {}
  /** Hashes source bytes by offset (byte-view walks): no copy of large unchanged runs. */
  static over(source: Buffer): Sha256Sink & { range(from: number, to: number): void } {
    const sink = new Sha256Sink('latin1') as Sha256Sink & { range(from: number, to: number): void };
    sink.range = (from: number, to: number) => {
      if (sink.buf) {
        sink.hash.update(sink.buf, 'latin1');
        sink.buf = '';
      }
      sink.hash.update(source.subarray(from, to));
    };
    return sink;
  }
  write(s: string): void {
    this.buf += s;
    if (this.buf.length > 65536) {
      this.hash.update(this.buf, this.encoding);
      this.buf = '';
    }
  }
  digest(): Buffer {
    this.hash.update(this.buf, this.encoding);
    this.buf = '';
    return this.hash.digest();
  }
}
