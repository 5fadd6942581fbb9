/**
 * An exported name that nothing uses — no other file mentions it and its own file only declares it — is dead code.
 * The check is textual and conservative: any mention of the name in another source, test, bench or script file (or a
 * second mention in its own file) counts as a use, so it never flags a name that is imported or used somewhere.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string, exts: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, exts) : exts.test(name) ? [p] : [];
  });
}

const EXPORT = /^export (?:async )?(?:const|let|function|class|type|interface|enum) ([A-Za-z_$][\w$]*)/gm;

function unusedExports(sources: string[], others: string[]): string[] {
  const text = new Map([...sources, ...others].map((f) => [f, readFileSync(f, 'utf8')]));
  const out: string[] = [];
  for (const file of sources) {
    for (const m of text.get(file)!.matchAll(EXPORT)) {
      const word = new RegExp(`\\b${m[1]!.replace(/\$/g, '\\$')}\\b`);
      const own = text.get(file)!.split(word).length - 1;
      if (own === 1 && ![...text].some(([f, t]) => f !== file && word.test(t))) out.push(`${file}: ${m[1]}`);
    }
  }
  return out;
}

describe('exports', () => {
  it('every exported name in electron/, shared/ and renderer/ is used', () => {
    const sources = ['electron', 'shared', 'renderer'].flatMap((d) => files(d, /\.tsx?$/));
    const others = [...files('tests', /\.tsx?$/), ...files('bench', /\.ts$/), ...files('scripts', /\.m?js$/)];
    expect(unusedExports(sources, others)).toEqual([]);
  });
});
