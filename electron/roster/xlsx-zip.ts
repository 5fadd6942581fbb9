import { crc32 } from 'node:zlib';
import { InflateRaw } from 'minizlib';
import { AppError } from '../core/app-error';

/**
 * The zip container of an .xlsx, read from its central directory (so the order of the parts in the file does not
 * matter — Excel writes sharedStrings.xml after the worksheets) and inflated a slice at a time by Node's zlib, with
 * caps against zip bombs: the sizes the directory declares, the bytes actually produced, and the inflation ratio.
 */
export interface ZipEntry {
  name: string;
  method: number;
  /** General-purpose bit flags (APPNOTE 4.4.4); bit 0 = encrypted. */
  flags: number;
  /** CRC-32 of the unpacked bytes (APPNOTE 4.4.7; from the directory, so also for entries with a data descriptor). */
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  offset: number;
}

export interface UnpackLimits {
  /** Total bytes all parts read from one file may unpack to. */
  totalBytes: number;
  /**
   * Largest inflated/compressed ratio accepted once a part has produced 1 MB. Real sheets stay under 20:1; a bomb
   * runs near deflate's 1032:1. 100:1 is Apache POI's default (ZipSecureFile.MIN_INFLATE_RATIO = 0.01).
   */
  maxRatio: number;
}

export const UNPACK_LIMITS: UnpackLimits = { totalBytes: 400 * 1024 * 1024, maxRatio: 100 };

/** Compressed bytes handed to the inflater at a time: bounds its output per step (≤ ~1032× this). */
const SLICE = 16 * 1024;

export function badFile(vi: string, en: string): AppError {
  return new AppError('BAD_FILE', `Không đọc được tệp Excel: ${vi}`, { en: `Cannot read the Excel file: ${en}` });
}

function tooBig(): AppError {
  return new AppError(
    'FILE_TOO_LARGE',
    'Tệp Excel giải nén ra quá lớn hoặc nén bất thường (có thể là "zip bomb"): đã dừng đọc',
    {
      en: 'The Excel file unpacks to too much data or is abnormally compressed (a possible zip bomb): reading stopped',
    },
  );
}

/** A zip part being read a slice at a time (ZipReader.open). */
export interface PartStream {
  /** Reads the next compressed slice; false once the part is read whole and its CRC checked. */
  pump(): boolean;
}

export class ZipReader {
  readonly entries = new Map<string, ZipEntry>();
  private unpacked = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: UnpackLimits = UNPACK_LIMITS,
  ) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // End of central directory: 22 bytes + a comment of up to 65,535 bytes at the end of the file.
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
      if (view.getUint32(i, true) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0)
      throw badFile('tệp không phải .xlsx hợp lệ (không có danh mục zip)', 'not a valid .xlsx (no zip directory)');
    const count = view.getUint16(eocd + 10, true);
    let at = view.getUint32(eocd + 16, true);
    if (count === 0xffff || at === 0xffffffff)
      throw badFile('tệp zip64 chưa được hỗ trợ', 'zip64 files are not supported');
    let declared = 0;
    for (let n = 0; n < count; n++) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
        throw badFile('danh mục zip bị hỏng', 'the zip directory is damaged');
      const nameLen = view.getUint16(at + 28, true);
      const extraLen = view.getUint16(at + 30, true);
      const commentLen = view.getUint16(at + 32, true);
      const name = new TextDecoder()
        .decode(bytes.subarray(at + 46, at + 46 + nameLen))
        .replace(/\\/g, '/')
        .replace(/^\//, '');
      // OPC part names have no "." or ".." segments (ECMA-376 Part 2 §6.2.2.2): a name climbing out of the package
      // ("zip slip") is a crafted file, refused although nothing is ever extracted.
      if (name.split('/').includes('..'))
        throw badFile(
          `tên phần "${name}" không hợp lệ (trỏ ra ngoài tệp)`,
          `the part name "${name}" is invalid (it points outside the file)`,
        );
      const key = name.toLowerCase();
      // Part names are unique, compared case-insensitively (§6.2.2.3). Two entries of one name are how a file is
      // made to show one content to one reader and another to the next: which one is "the" sheet is not ours to pick.
      if (this.entries.has(key))
        throw badFile(
          `tệp có hai phần cùng tên "${name}" (tệp đã bị sửa hoặc bị hỏng)`,
          `the file has two parts named "${name}" (it was tampered with or is damaged)`,
        );
      const e: ZipEntry = {
        name,
        method: view.getUint16(at + 10, true),
        flags: view.getUint16(at + 8, true),
        crc: view.getUint32(at + 16, true),
        compressedSize: view.getUint32(at + 20, true),
        size: view.getUint32(at + 24, true),
        offset: view.getUint32(at + 42, true),
      };
      declared += e.size;
      this.entries.set(key, e);
      at += 46 + nameLen + extraLen + commentLen;
    }
    // A directory that admits to unpacking beyond the cap is refused before anything is inflated.
    if (declared > limits.totalBytes) throw tooBig();
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /**
   * Streams a part's bytes to `onChunk` a slice at a time. Stops (throws) when the file's total passes the cap or
   * the part inflates at more than `maxRatio` — whatever sizes the directory declared.
   */
  read(name: string, onChunk: (chunk: Uint8Array) => void): void {
    const part = this.open(name, onChunk);
    while (part.pump());
  }

  /**
   * The same, one compressed slice per `pump()` — for a part read only as far as needed while another is read (the
   * shared strings, as the sheet's cells ask for them). `pump()` returns false once the part is read whole and its
   * CRC checked.
   */
  open(name: string, onChunk: (chunk: Uint8Array) => void): PartStream {
    const e = this.entries.get(name.toLowerCase());
    if (!e) throw badFile(`thiếu phần ${name}`, `part ${name} is missing`);
    // An encrypted entry (PKWARE or WinZip AES, both set bit 0) would only reach the inflater as noise.
    if (e.flags & 1)
      throw badFile(
        `phần ${name} được mã hoá bằng mật khẩu; hãy lưu lại tệp không đặt mật khẩu`,
        `part ${name} is encrypted with a password; save the file again without one`,
      );
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    if (e.offset + 30 > this.bytes.length || view.getUint32(e.offset, true) !== 0x04034b50)
      throw badFile(`phần ${name} bị hỏng`, `part ${name} is damaged`);
    const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
    const end = start + e.compressedSize;
    if (end > this.bytes.length) throw badFile(`phần ${name} bị cắt cụt`, `part ${name} is truncated`);
    const data = this.bytes.subarray(start, end);
    let produced = 0;
    let crc = 0;
    let downstream: unknown = null;
    // Every reader checks the CRC: a copy damaged on a USB stick or cut short can still inflate to well-formed XML
    // (a STORED part always does), with one digit of a CCCD changed. Node's native crc32: ~4 ms for a 16 MB sheet.
    const verify = () => {
      if (crc >>> 0 !== e.crc)
        throw badFile(
          `phần ${name} bị hỏng (sai mã kiểm tra CRC-32): hãy lấy lại tệp gốc`,
          `part ${name} is damaged (CRC-32 mismatch): get the original file again`,
        );
    };
    const take = (chunk: Uint8Array) => {
      produced += chunk.length;
      crc = crc32(chunk, crc);
      this.unpacked += chunk.length;
      if (this.unpacked > this.limits.totalBytes) throw tooBig();
      if (produced > 1 << 20 && produced > this.limits.maxRatio * Math.max(1, e.compressedSize)) throw tooBig();
      try {
        onChunk(chunk);
      } catch (err) {
        downstream = err;
        throw err;
      }
    };
    let at = 0;
    let finished = false;
    if (e.method === 0)
      return {
        pump() {
          if (finished) return false;
          if (at < data.length) {
            take(data.subarray(at, Math.min(data.length, at + SLICE)));
            at += SLICE;
            if (at < data.length) return true;
          }
          finished = true;
          verify();
          return false;
        },
      };
    if (e.method !== 8)
      throw badFile(
        `phần ${name} nén theo cách chưa hỗ trợ (${e.method})`,
        `part ${name} uses an unsupported compression (${e.method})`,
      );
    // Node's own zlib, synchronously, through minizlib (maintained; node-tar and npm read archives with it): 3–5×
    // less CPU than fflate's JavaScript inflater on a 16 MB sheet (measured: 20–33 ms vs 79–232 ms).
    const inflater = new InflateRaw({});
    let damaged: Error | null = null;
    inflater.on('error', (err: unknown) => (damaged ??= err as Error));
    inflater.on('data', (chunk: Buffer) => take(chunk));
    const check = () => {
      if (damaged)
        throw badFile(`phần ${name} bị hỏng (${damaged.message})`, `part ${name} is damaged (${damaged.message})`);
    };
    return {
      pump() {
        if (finished) return false;
        try {
          if (at < data.length && !damaged) {
            inflater.write(Buffer.from(data.buffer, data.byteOffset + at, Math.min(SLICE, data.length - at)));
            at += SLICE;
            if (at < data.length && !damaged) return true;
          }
          finished = true;
          check();
          inflater.end();
          check();
          verify();
          return false;
        } catch (err) {
          finished = true;
          if (err instanceof AppError || err === downstream) throw err;
          throw badFile(
            `phần ${name} bị hỏng (${(err as Error).message})`,
            `part ${name} is damaged (${(err as Error).message})`,
          );
        }
      },
    };
  }

  /** A small part as text (workbook, relationships, styles). */
  text(name: string): string {
    const chunks: Uint8Array[] = [];
    this.read(name, (c) => chunks.push(c.slice()));
    const dec = new TextDecoder();
    return chunks.map((c, i) => dec.decode(c, { stream: i < chunks.length - 1 })).join('');
  }
}
