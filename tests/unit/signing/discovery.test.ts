import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { candidateLibraries, expandPath, probeLibrary, readLibraryList } from '../../../electron/signing/discovery';
import { libraryArchitecture } from '../../../electron/signing/library-arch';
import { makeTempDir, removeDir } from '../../support/tmp';

const resources = join(process.cwd(), 'resources');

describe('resources/pkcs11-libraries.json', () => {
  it('matches its JSON Schema', () => {
    const schema = JSON.parse(readFileSync(join(resources, 'schemas', 'pkcs11-libraries.schema.json'), 'utf8'));
    const data = JSON.parse(readFileSync(join(resources, 'pkcs11-libraries.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const ok = ajv.validate(schema, data);
    expect(ajv.errors ?? [], JSON.stringify(ajv.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('names the Vietnamese CA libraries of the domain reference (§5.3) and the OpenSC/SoftHSM paths', () => {
    const all = readLibraryList(resources).libraries.flatMap((l) => Object.values(l.paths).flat());
    for (const dll of [
      'vnpt-ca_csp11.dll',
      'vnptca_p11_v6.dll',
      'vnptca_p11_v10.dll',
      'vnpt-ca_v34.dll',
      'viettel-ca_v1.dll',
      'viettel-ca_v6.dll',
      'BkavCA.dll',
      'BkavCAv2S.dll',
      'CA2_csp11.dll',
      'ShuttleCsp11_3003.dll',
      'fpt-ca.dll',
      'NEWTEL-CA.dll',
      'eps2003csp11.dll',
      'eTPKCS11.dll',
    ]) {
      expect(
        all.some((p) => p.endsWith('\\' + dll)),
        dll,
      ).toBe(true);
    }
    expect(all).toContain('/usr/lib/softhsm/libsofthsm2.so');
    expect(all.some((p) => p.endsWith('opensc-pkcs11.so'))).toBe(true);
  });
});

describe('paths', () => {
  it('expands %WINDIR% and %PROGRAMFILES% case-insensitively (SystemRoot as a fallback for WINDIR)', () => {
    expect(expandPath('%WINDIR%\\System32\\BkavCA.dll', { windir: 'C:\\Windows' })).toBe(
      'C:\\Windows\\System32\\BkavCA.dll',
    );
    expect(expandPath('%WINDIR%\\x.dll', { SystemRoot: 'D:\\WIN' })).toBe('D:\\WIN\\x.dll');
    expect(expandPath('%ProgramFiles%\\OpenSC\\a.dll', { PROGRAMFILES: 'C:\\Program Files' })).toBe(
      'C:\\Program Files\\OpenSC\\a.dll',
    );
    expect(expandPath('%NOPE%\\a.dll', {})).toBe('%NOPE%\\a.dll');
  });

  it("keeps listed libraries that exist, and always the clerk's own paths", () => {
    const list = readLibraryList(resources);
    const c = candidateLibraries(list, ['/opt/vendor/libx.so'], 'linux');
    expect(c.find((x) => x.path === '/usr/lib/softhsm/libsofthsm2.so')).toMatchObject({
      id: 'softhsm2',
      source: 'list',
    });
    expect(c.find((x) => x.path === '/opt/vendor/libx.so')).toMatchObject({ source: 'user' });
    expect(c.every((x) => x.source === 'user' || !x.path.includes('\\'))).toBe(true);
  });
});

describe('library architecture from the file header', () => {
  it('reports a 32-bit library as exactly that, without loading it', () => {
    const dir = makeTempDir('kekhai-arch-');
    try {
      // A PE header with Machine = 0x014c (i386), as a 32-bit vendor DLL has.
      const pe = Buffer.alloc(512);
      pe.write('MZ', 0, 'latin1');
      pe.writeUInt32LE(0x80, 0x3c);
      pe.writeUInt32LE(0x00004550, 0x80);
      pe.writeUInt16LE(0x14c, 0x84);
      const dll = join(dir, 'vnpt-ca_csp11.dll');
      writeFileSync(dll, pe);
      expect(libraryArchitecture(dll)).toEqual({ kind: 'file', format: 'pe', bits: 32 });
      const elf32 = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0]);
      const so = join(dir, 'lib32.so');
      writeFileSync(so, elf32);
      const report = probeLibrary({ id: 'user', vendor: 'x', path: so, source: 'user' }, new Date());
      expect(report).toMatchObject({ found: true, bits: 32, loaded: false, error: { code: 'PKCS11_LIBRARY_32BIT' } });
      expect(report.error!.message).toMatch(/32-bit/);
      expect(libraryArchitecture('/usr/lib/softhsm/libsofthsm2.so')).toEqual({ kind: 'file', format: 'elf', bits: 64 });
      expect(libraryArchitecture(join(dir, 'missing.dll'))).toEqual({ kind: 'missing' });
    } finally {
      removeDir(dir);
    }
  });
});
