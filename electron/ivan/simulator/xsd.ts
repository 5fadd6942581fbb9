import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import type { RemoteReason } from '../../../shared/ivan/profile';

/**
 * XSD validation of what the local I-VAN receives, with the declarations' schemas (`resources/xsd/*.xsd`) and
 * libxml2 compiled to WebAssembly (`xmllint-wasm`), so it runs the same on Windows without a native xmllint.
 * Schema file for a form: `<code>.xsd` (D02-TS.xsd, TK1-TS.xsd, …); the envelope: `Hoso.xsd` or `BHXHDienTu.xsd`.
 */
type XsdFile = { fileName: string; contents: string };
type SchemaSet = { main: XsdFile; preload: XsdFile[] } | null;
const cache = new Map<string, SchemaSet>();

function schemaFor(resourcesDir: string, code: string): SchemaSet {
  const key = `${resourcesDir}|${code}`;
  if (cache.has(key)) return cache.get(key)!;
  const dir = join(resourcesDir, 'xsd');
  let found: SchemaSet = null;
  if (existsSync(dir)) {
    const files = readdirSync(dir).filter((f) => f.endsWith('.xsd'));
    const candidates =
      code === 'Hoso' ? ['Hoso.xsd', 'BHXHDienTu.xsd', 'hoso.xsd'] : [`${code}.xsd`, `${code.toLowerCase()}.xsd`];
    const main = candidates.find((c) => files.includes(c));
    if (main) {
      // Every other schema is preloaded so xs:include/xs:import between them resolve inside the WASM file system.
      const all = files.map((f) => ({ fileName: f, contents: readFileSync(join(dir, f), 'utf8') }));
      found = { main: all.find((f) => f.fileName === main)!, preload: all.filter((f) => f.fileName !== main) };
    }
  }
  cache.set(key, found);
  return found;
}

export async function validateAgainstXsd(
  resourcesDir: string,
  fileName: string,
  xml: string,
  code: string,
): Promise<RemoteReason[]> {
  // Registration forms (04/05/06) have no published XSD; their content is checked by the form builder's rules.
  if (code === 'registration') return [];
  const schema = schemaFor(resourcesDir, code);
  if (!schema)
    return [
      {
        code: 'UNKNOWN_FORM',
        message: `${fileName}: không có lược đồ XSD cho tờ khai "${code}" — tờ khai không được hỗ trợ`,
      },
    ];
  try {
    const r = await validateXML({
      xml: { fileName: 'input.xml', contents: xml },
      schema: schema.main,
      preload: schema.preload,
      // Big dossiers (50 000 rows ≈ 12 MB) need more than the 32 MiB default.
      maxMemoryPages: 16384,
    });
    if (r.valid) return [];
    return r.errors
      .slice(0, 50)
      .map((e) => ({ code: 'XSD', message: `${fileName}${e.loc ? ` dòng ${e.loc.lineNumber}` : ''}: ${e.message}` }));
  } catch (e) {
    return [
      { code: 'XSD', message: `${fileName}: không kiểm tra được theo lược đồ (${(e as Error).message.slice(0, 200)})` },
    ];
  }
}
