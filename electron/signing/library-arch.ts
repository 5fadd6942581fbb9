/**
 * Architecture of a shared library from its header, without loading it: a 32-bit vendor DLL in the 64-bit app
 * fails in LoadLibrary with a confusing "%1 is not a valid Win32 application", so we say "32-bit" up front.
 * PE: `MZ`, e_lfanew at 0x3C, `PE\0\0`, Machine 0x014c (i386) / 0x8664 (x64) / 0xAA64 (arm64).
 * ELF: EI_CLASS byte 4 = 1 (32-bit) / 2 (64-bit). Mach-O: magic FEEDFACE (32) / FEEDFACF (64) / CAFEBABE (fat).
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

export type LibraryArch =
  { kind: 'missing' } | { kind: 'file'; format: 'pe' | 'elf' | 'macho' | 'unknown'; bits: 32 | 64 | null };

export function libraryArchitecture(path: string): LibraryArch {
  if (!existsSync(path) || !statSync(path).isFile()) return { kind: 'missing' };
  const head = Buffer.alloc(4096);
  const fd = openSync(path, 'r');
  let n = 0;
  try {
    n = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const b = head.subarray(0, n);
  if (b.length >= 0x40 && b[0] === 0x4d && b[1] === 0x5a) {
    const off = b.readUInt32LE(0x3c);
    if (off + 6 <= b.length && b.readUInt32LE(off) === 0x00004550) {
      const machine = b.readUInt16LE(off + 4);
      return {
        kind: 'file',
        format: 'pe',
        bits: machine === 0x14c ? 32 : machine === 0x8664 || machine === 0xaa64 ? 64 : null,
      };
    }
    return { kind: 'file', format: 'pe', bits: null };
  }
  if (b.length >= 5 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46) {
    return { kind: 'file', format: 'elf', bits: b[4] === 1 ? 32 : b[4] === 2 ? 64 : null };
  }
  if (b.length >= 4) {
    const magic = b.readUInt32LE(0);
    if (magic === 0xfeedface) return { kind: 'file', format: 'macho', bits: 32 };
    if (magic === 0xfeedfacf) return { kind: 'file', format: 'macho', bits: 64 };
    if (b.readUInt32BE(0) === 0xcafebabe) return { kind: 'file', format: 'macho', bits: 64 };
  }
  return { kind: 'file', format: 'unknown', bits: null };
}
