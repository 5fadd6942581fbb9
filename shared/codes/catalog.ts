import type { CodeList, CodeListName } from './code-list';

/** yyyy-mm (a declaration period) or yyyy-mm-dd → the yyyy-mm-dd a version's validFrom is compared with. */
function dayOf(isoDateOrMonth: string): string {
  return isoDateOrMonth.length === 7 ? `${isoDateOrMonth}-01` : isoDateOrMonth.slice(0, 10);
}

/**
 * Every version of every code list. A period uses the newest version whose validFrom is on or before it, so a newer
 * dated file replaces an older one from its date without a code change, and older periods keep their own list.
 */
export class CodeCatalog {
  private readonly byList = new Map<CodeListName, CodeList[]>();
  private readonly source: ((list: CodeListName) => CodeList[]) | null;

  /**
   * The versions given at once, or read per list on first use (an import that checks nationalities need not parse
   * 11,867 hospitals).
   */
  constructor(lists: readonly CodeList[] | ((list: CodeListName) => CodeList[])) {
    if (typeof lists === 'function') {
      this.source = lists;
      return;
    }
    this.source = null;
    for (const l of lists) {
      const versions = this.byList.get(l.info.list) ?? [];
      versions.push(l);
      this.byList.set(l.info.list, versions);
    }
    for (const v of this.byList.values()) v.sort((a, b) => (a.info.validFrom < b.info.validFrom ? -1 : 1));
  }

  versions(list: CodeListName): readonly CodeList[] {
    let v = this.byList.get(list);
    if (!v && this.source) {
      v = [...this.source(list)].sort((a, b) => (a.info.validFrom < b.info.validFrom ? -1 : 1));
      this.byList.set(list, v);
    }
    return v ?? [];
  }

  /** The version in force on a day or in a month; null before the first version (nothing to check against). */
  at(list: CodeListName, isoDateOrMonth: string): CodeList | null {
    const day = dayOf(isoDateOrMonth);
    let found: CodeList | null = null;
    for (const v of this.versions(list)) if (v.info.validFrom <= day) found = v;
    return found;
  }

  /** For pickers: the version in force, or the oldest one when the day is earlier than every version. */
  forPicker(list: CodeListName, isoDateOrMonth: string): CodeList | null {
    return this.at(list, isoDateOrMonth) ?? this.versions(list)[0] ?? null;
  }
}

/*
 * Validation runs in shared code, which cannot read files: the Node side installs the catalog it loaded from
 * resources/codes (lazily, on first use). Where none is installed (the renderer, bare unit tests) the list checks
 * answer "unchecked" and only the built-in format checks apply.
 */
let provider: (() => CodeCatalog) | null = null;
let installed: CodeCatalog | null = null;

export function installCodeCatalog(source: CodeCatalog | (() => CodeCatalog) | null): void {
  installed = source instanceof CodeCatalog ? source : null;
  provider = typeof source === 'function' ? source : null;
}

export function installedCodeCatalog(): CodeCatalog | null {
  if (!installed && provider) {
    installed = provider();
    provider = null;
  }
  return installed;
}

export type CodeCheck = 'known' | 'unknown' | 'unchecked';

/** Is `code` in the list in force on that day/month? 'unchecked' when no catalog or no version applies. */
export function checkCode(list: CodeListName, code: string, isoDateOrMonth: string): CodeCheck {
  const version = installedCodeCatalog()?.at(list, isoDateOrMonth);
  if (!version) return 'unchecked';
  return version.has(code) ? 'known' : 'unknown';
}
