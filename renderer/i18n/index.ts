import { create } from 'zustand';

export type Lang = 'vi' | 'en';

/** A section's messages: Vietnamese is the reference; English must have the same keys. */
export interface Catalog<K extends string = string> {
  vi: Record<K, string>;
  en: Record<K, string>;
}

export function defineCatalog<const V extends Record<string, string>>(c: {
  vi: V;
  en: Record<keyof V, string>;
}): Catalog<keyof V & string> {
  return c as Catalog<keyof V & string>;
}

interface LangState {
  lang: Lang;
  setLang(lang: Lang): void;
}

function initialLang(): Lang {
  try {
    return localStorage.getItem('kekhai.lang') === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export const useLang = create<LangState>((set) => ({
  lang: initialLang(),
  setLang(lang) {
    try {
      localStorage.setItem('kekhai.lang', lang);
    } catch {
      /* storage unavailable: keep the choice for this session only */
    }
    document.documentElement.lang = lang;
    set({ lang });
  },
}));

/** `t(key, {name: value})` in the current language; `{name}` placeholders are replaced. */
export function useMessages<K extends string>(catalog: Catalog<K>) {
  const lang = useLang((s) => s.lang);
  const t = (key: K, vars?: Record<string, string | number>): string => {
    let s = catalog[lang][key] ?? catalog.vi[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
  return { t, lang };
}

/** Picks the message of an API error in the current language (never parse message text). */
export function errorText(error: { message: string; messageEn?: string }, lang: Lang): string {
  return lang === 'en' ? (error.messageEn ?? error.message) : error.message;
}

/**
 * As `errorText`, followed by each problem of a validation error (`details.problems`, each naming its field), for a
 * form that has no place beside its fields for them.
 */
export function errorWithProblems(
  error: { message: string; messageEn?: string; details?: unknown },
  lang: Lang,
): string {
  const problems = (error.details as { problems?: { message: string; messageEn?: string }[] } | undefined)?.problems;
  return [errorText(error, lang), ...(problems ?? []).map((p) => errorText(p, lang))].join(' — ');
}
