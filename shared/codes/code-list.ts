import { foldForSearch } from '../text/fold';
import { parseCsvText } from './csv-text';

/** The code lists kept as dated data under resources/codes (one folder per list, one CSV per version). */
export const CODE_LIST_NAMES = ['hospitals', 'communes', 'provinces', 'nationalities', 'ethnicities'] as const;
export type CodeListName = (typeof CODE_LIST_NAMES)[number];

export function isCodeListName(s: string): s is CodeListName {
  return (CODE_LIST_NAMES as readonly string[]).includes(s);
}

export interface CodeEntry {
  code: string;
  name: string;
  /** Mã tỉnh of a hospital or a commune. */
  province?: string;
  /** Other names (ethnic groups: "Việt" for Kinh …), matched by search. */
  otherNames?: string;
}

/** Which CSV header holds each field (codes.json `columns`). */
export interface CodeColumns {
  code: string;
  name: string;
  province?: string;
  otherNames?: string;
}

export interface CodeVersionInfo {
  list: CodeListName;
  /** First day this version applies (yyyy-mm-dd), also its file name. */
  validFrom: string;
  source: string;
  retrieved: string;
}

export interface CodeSearch {
  search?: string;
  province?: string;
  limit?: number;
}

/** Problems found while reading a list file; the loader refuses the file with them. */
export class CodeListError extends Error {}

/**
 * One version of one list: lookup by code and diacritic-insensitive search ("đa khoa thanh hóa" finds
 * "Bệnh viện đa khoa tỉnh Thanh Hóa"). Search keys are folded once when the list is built.
 */
export class CodeList {
  private readonly byCode = new Map<string, CodeEntry>();
  private readonly keys: string[];
  private readonly nameKeys: string[];

  constructor(
    readonly info: CodeVersionInfo,
    readonly entries: readonly CodeEntry[],
    /** Data rows of the file, repeated codes included (what codes.json `rows` counts). */
    readonly fileRows = entries.length,
    /** The shape of every code of the list (codes.json `codePattern`); a picker accepts a typed code of this shape. */
    readonly codePattern = '',
  ) {
    for (const e of entries) this.byCode.set(e.code, e);
    // A leading space lets a word be matched at its start: "hoa" finds "Hóa" but not "khoa".
    this.nameKeys = entries.map((e) => ` ${foldForSearch(e.name)}`);
    this.keys = entries.map(
      (e, i) => `${this.nameKeys[i]} ${foldForSearch((e.otherNames ?? '').replace(/[,()]/g, ' '))}`,
    );
  }

  get(code: string): CodeEntry | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /**
   * Every word of the query must start a word of the folded name (any order) or start the code. Ranked: exact code, code
   * prefix, the query as one phrase in the name, then in the other names, then the shortest name (the most specific match), then by code.
   */
  search(q: CodeSearch = {}): { rows: CodeEntry[]; total: number } {
    const words = foldForSearch(q.search ?? '')
      .split(' ')
      .filter(Boolean);
    const phrase = words.join(' ');
    const starts = words.map((w) => ` ${w}`);
    const scored: { e: CodeEntry; rank: number }[] = [];
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i]!;
      if (q.province && e.province !== undefined && e.province !== q.province) continue;
      const key = this.keys[i]!;
      const code = e.code.toLowerCase();
      let rank: number;
      if (!words.length) rank = 4;
      else if (code === phrase) rank = 0;
      else if (words.length === 1 && code.startsWith(phrase)) rank = 1;
      else if (!starts.every((w, k) => key.includes(w) || code.startsWith(words[k]!))) continue;
      else rank = this.nameKeys[i]!.includes(` ${phrase}`) ? 2 : key.includes(` ${phrase}`) ? 3 : 4;
      scored.push({ e, rank });
    }
    if (words.length) {
      scored.sort(
        (a, b) =>
          a.rank - b.rank ||
          a.e.name.length - b.e.name.length ||
          (a.e.code < b.e.code ? -1 : a.e.code > b.e.code ? 1 : 0),
      );
    }
    const limit = q.limit ?? scored.length;
    return { rows: scored.slice(0, limit).map((s) => s.e), total: scored.length };
  }
}

/** Reads one version's CSV text (header row named by `columns`), checking codes against `codePattern`. */
export function parseCodeList(
  info: CodeVersionInfo,
  text: string,
  columns: CodeColumns,
  codePattern: string,
): CodeList {
  const [header, ...rows] = parseCsvText(text);
  if (!header) throw new CodeListError(`${info.list}/${info.validFrom}.csv: tệp rỗng / empty file`);
  const at = (name: string | undefined): number => {
    if (name === undefined) return -1;
    const i = header.indexOf(name);
    if (i < 0)
      throw new CodeListError(`${info.list}/${info.validFrom}.csv: thiếu cột "${name}" / missing column "${name}"`);
    return i;
  };
  const [ci, ni, pi, oi] = [at(columns.code), at(columns.name), at(columns.province), at(columns.otherNames)];
  const pattern = new RegExp(codePattern);
  // The source lists repeat a few codes (5 hospitals listed twice, VA twice with two spellings): the first wins.
  const seen = new Set<string>();
  const entries: CodeEntry[] = [];
  rows.forEach((r, k) => {
    const code = (r[ci] ?? '').trim();
    const line = k + 2;
    if (!pattern.test(code))
      throw new CodeListError(
        `${info.list}/${info.validFrom}.csv dòng ${line}: mã "${code}" sai dạng ${codePattern} / line ${line}: bad code`,
      );
    if (seen.has(code)) return;
    seen.add(code);
    const e: CodeEntry = { code, name: (r[ni] ?? '').trim().normalize('NFC') };
    if (pi >= 0) e.province = (r[pi] ?? '').trim();
    if (oi >= 0 && r[oi]?.trim()) e.otherNames = r[oi]!.trim().normalize('NFC');
    entries.push(e);
  });
  return new CodeList(info, entries, rows.length, codePattern);
}
