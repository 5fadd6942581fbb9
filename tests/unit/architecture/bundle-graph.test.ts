/**
 * The module graph as esbuild sees it when it bundles the app (same entry points and externals as scripts/build.mjs):
 * no import cycles between our own files, and production `dependencies` are exactly the packages the bundles leave
 * external (everything else is bundled, so it belongs in devDependencies and never reaches app.asar twice).
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { external, runtimeDependencies } from '../../../scripts/externals.mjs';

const buildScript = readFileSync('scripts/build.mjs', 'utf8');
const nodeEntries = [...buildScript.matchAll(/entryPoints: \['([^']+)'\]/g)].map((m) => m[1]!);

async function metafile(entryPoints: string[], platform: 'node' | 'browser'): Promise<Metafile> {
  const r = await build({
    entryPoints,
    bundle: true,
    write: false,
    metafile: true,
    platform,
    format: platform === 'node' ? 'cjs' : 'esm',
    outdir: 'out/graph-probe',
    external: platform === 'node' ? external : [],
    loader: { '.css': 'empty', '.png': 'empty', '.svg': 'empty' },
    logLevel: 'silent',
  });
  return r.metafile;
}

/** Strongly connected components with more than one file (or a file importing itself): Tarjan's algorithm. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** Our files only (node_modules left out), every kind of import including dynamic ones. */
function ownGraph(meta: Metafile): Map<string, string[]> {
  const own = (p: string) => !p.includes('node_modules') && /^(electron|shared|renderer)\//.test(p);
  const g = new Map<string, string[]>();
  for (const [file, input] of Object.entries(meta.inputs)) {
    if (!own(file)) continue;
    g.set(
      file,
      input.imports.filter((i) => !i.external && own(i.path)).map((i) => i.path),
    );
  }
  return g;
}

const packageOf = (spec: string) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;

describe('module graph', () => {
  it('finds the Node entry points in scripts/build.mjs', () => {
    expect(nodeEntries).toEqual(
      expect.arrayContaining(['electron/cli/entry.ts', 'electron/shell/main.ts', 'electron/shell/preload.ts']),
    );
  });

  it('has no import cycles in electron/, shared/ or renderer/ (dynamic imports count)', async () => {
    const [node, web] = await Promise.all([metafile(nodeEntries, 'node'), metafile(['renderer/main.tsx'], 'browser')]);
    expect(cycles(ownGraph(node))).toEqual([]);
    expect(cycles(ownGraph(web))).toEqual([]);
  }, 60_000);

  it('the cycle finder finds a cycle', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c']]);
  });

  it('the CLI start-up path (entry → command table) loads no zod schema, database or capability until a command runs', async () => {
    const meta = await metafile(['electron/cli/entry.ts'], 'node');
    const eager = new Set(['electron/cli/entry.ts']);
    const queue = ['electron/cli/entry.ts'];
    while (queue.length) {
      for (const i of meta.inputs[queue.pop()!]?.imports ?? []) {
        if (i.kind === 'dynamic-import' || i.external || eager.has(i.path)) continue;
        eager.add(i.path);
        queue.push(i.path);
      }
    }
    const files = [...eager];
    expect(files.filter((f) => f.includes('node_modules/'))).toEqual([]);
    expect(
      files.filter(
        (f) =>
          /electron\/(core\/(runtime|dispatch|registry)|db\/|[a-z]+\/handlers)\.?/.test(f) ||
          f.startsWith('shared/contract/index'),
      ),
    ).toEqual([]);
    expect(files).toContain('electron/cli/commands/index.ts');
  }, 60_000);

  it('production dependencies are exactly the packages the Node bundles leave external', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies?: Record<string, string> };
    const meta = await metafile(nodeEntries, 'node');
    const loadedAtRunTime = new Set<string>();
    for (const input of Object.values(meta.inputs)) {
      for (const i of input.imports)
        if (i.external && !i.path.startsWith('node:') && !i.path.startsWith('.'))
          loadedAtRunTime.add(packageOf(i.path));
    }
    const builtins = new Set(builtinModules);
    const needed = [...loadedAtRunTime].filter((p) => !builtins.has(p) && p !== 'electron').sort();
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual(needed);
    expect([...runtimeDependencies].sort()).toEqual(needed);
  }, 60_000);
});
