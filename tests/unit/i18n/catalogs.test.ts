import { describe, expect, test } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

interface Catalog {
  vi: Record<string, string>;
  en: Record<string, string>;
}

/**
 * Every visible string of the renderer lives in a section's catalog in Vietnamese and English (issue 13): the same
 * keys on both sides, no empty text, and the same {placeholders} so a translation never drops a number or a name.
 */
const RENDERER = join(__dirname, '../../../renderer');
const files = (readdirSync(RENDERER, { recursive: true }) as string[]).filter((f) => /(^|[/\\-])messages\.ts$/.test(f));
// Loaded by path (not a static import) so this node-side test does not pull the renderer's DOM types into tsc.
const modules: Record<string, Record<string, unknown>> = Object.fromEntries(
  await Promise.all(
    files.map(
      async (f) =>
        [
          relative(join(RENDERER, '..'), join(RENDERER, f)),
          (await import(join(RENDERER, f))) as Record<string, unknown>,
        ] as const,
    ),
  ),
);

function isCatalog(x: unknown): x is Catalog {
  return (
    !!x &&
    typeof x === 'object' &&
    'vi' in x &&
    'en' in x &&
    typeof (x as Catalog).vi === 'object' &&
    typeof (x as Catalog).en === 'object'
  );
}

const catalogs = Object.entries(modules).flatMap(([file, mod]) =>
  Object.entries(mod)
    .filter(([, v]) => isCatalog(v))
    .map(([name, v]) => ({ where: `${file} ${name}`, catalog: v as Catalog })),
);

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  test('every messages file holds at least one catalog', () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(10);
    for (const [file, mod] of Object.entries(modules)) expect(Object.values(mod).some(isCatalog), file).toBe(true);
  });

  test.each(catalogs)('$where: vi and en have the same keys, no empty text, the same placeholders', ({ catalog }) => {
    expect(Object.keys(catalog.en).sort()).toEqual(Object.keys(catalog.vi).sort());
    for (const [k, vi] of Object.entries(catalog.vi)) {
      const en = catalog.en[k]!;
      expect(vi.trim(), `vi.${k}`).not.toBe('');
      expect(en.trim(), `en.${k}`).not.toBe('');
      expect(placeholders(en), `placeholders of ${k}`).toEqual(placeholders(vi));
    }
  });
});
