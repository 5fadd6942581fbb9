import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CODE_LIST_NAMES,
  CodeListError,
  parseCodeList,
  type CodeColumns,
  type CodeList,
  type CodeListName,
} from '../../shared/codes/code-list';
import { CodeCatalog } from '../../shared/codes/catalog';

/** resources/codes/codes.json (schema: resources/schemas/codes.schema.json). */
export interface CodesMetadata {
  lists: Record<
    string,
    {
      title: string;
      titleEn: string;
      columns: CodeColumns;
      codePattern: string;
      versions: Record<string, { rows: number; source: string; retrieved: string }>;
    }
  >;
}

const DATED_FILE = /^(\d{4}-\d{2}-\d{2})\.csv$/;

/**
 * The catalog of `<codesDir>/<list>/<yyyy-mm-dd>.csv`. Each file needs its entry (source, row count) in codes.json; a
 * file without one or a missing file is refused at once with its name, a wrong row count when the list is first read
 * (each list is parsed on first use), so a list is never silently partial.
 */
export function loadCodeCatalog(codesDir: string): CodeCatalog {
  const meta = JSON.parse(readFileSync(join(codesDir, 'codes.json'), 'utf8')) as CodesMetadata;
  const filesOf = new Map<CodeListName, string[]>();
  for (const list of CODE_LIST_NAMES) {
    const m = meta.lists[list];
    if (!m) throw new CodeListError(`codes.json: thiếu danh mục "${list}" / missing list "${list}"`);
    const dir = join(codesDir, list);
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => DATED_FILE.test(f)) : [];
    for (const validFrom of Object.keys(m.versions)) {
      if (!files.includes(`${validFrom}.csv`))
        throw new CodeListError(`${list}/${validFrom}.csv: không có tệp / file missing`);
    }
    for (const f of files) {
      if (!m.versions[DATED_FILE.exec(f)![1]!])
        throw new CodeListError(`${list}/${f}: chưa khai báo nguồn trong codes.json / no entry in codes.json`);
    }
    filesOf.set(list, files);
  }
  return new CodeCatalog((list) => readList(join(codesDir, list), list, meta.lists[list]!, filesOf.get(list) ?? []));
}

function readList(dir: string, list: CodeListName, m: CodesMetadata['lists'][string], files: string[]): CodeList[] {
  return files.map((f) => {
    const validFrom = DATED_FILE.exec(f)![1]!;
    const v = m.versions[validFrom]!;
    const parsed = parseCodeList(
      { list, validFrom, source: v.source, retrieved: v.retrieved },
      readFileSync(join(dir, f), 'utf8'),
      m.columns,
      m.codePattern,
    );
    if (parsed.fileRows !== v.rows) {
      throw new CodeListError(
        `${list}/${f}: có ${parsed.fileRows} dòng, codes.json ghi ${v.rows} / has ${parsed.fileRows} rows, codes.json says ${v.rows}`,
      );
    }
    return parsed;
  });
}

const cache = new Map<string, CodeCatalog>();

/** One catalog per resources folder and process (the lists are read once: about 15,000 rows). */
export function codeCatalogFor(resourcesDir: string): CodeCatalog {
  let c = cache.get(resourcesDir);
  if (!c) {
    c = loadCodeCatalog(join(resourcesDir, 'codes'));
    cache.set(resourcesDir, c);
  }
  return c;
}
