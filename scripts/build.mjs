// Builds every face: the CLI (out/cli.cjs), the Electron main, preload and service host (out/electron/*.cjs),
// and the renderer (out/renderer/, Vite). Native modules stay external (loaded from node_modules at run time).
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync, mkdirSync } from 'node:fs';
import { external } from './externals.mjs';

// esbuild's CJS output has no import.meta.url: derive it from __filename (used to find resources/ and out/renderer).
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  external,
  logLevel: 'warning',
  define: { 'import.meta.url': '__kekhai_import_meta_url' },
  banner: { js: "const __kekhai_import_meta_url = require('url').pathToFileURL(__filename).href;" },
};

/**
 * `import('./core')` in electron/cli/load-core.ts becomes a plain `require('./cli-core.cjs')` at run time (start-up
 * speed): a CommonJS require, not an ESM import, which would scan the whole 2 MB file for export names first.
 */
const cliCoreApart = {
  name: 'cli-core-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/core$/ }, (a) =>
      a.importer.endsWith('load-core.ts') ? { path: 'cli-core', namespace: 'cli-core' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'cli-core' }, () => ({
      contents: "module.exports = require('./cli-core.cjs');",
      loader: 'js',
    }));
    b.onResolve({ filter: /^\.\/cli-core\.cjs$/ }, () => ({ path: './cli-core.cjs', external: true }));
  },
};

rmSync('out', { recursive: true, force: true });
mkdirSync('out', { recursive: true });

await Promise.all([
  // The CLI in two files: the light command table (out/cli.cjs) and, loaded when a command runs, the rest (cli-core.cjs).
  build({ ...common, entryPoints: ['electron/cli/entry.ts'], outfile: 'out/cli.cjs', plugins: [cliCoreApart] }),
  build({ ...common, entryPoints: ['electron/cli/core.ts'], outfile: 'out/cli-core.cjs' }),
  build({ ...common, entryPoints: ['electron/shell/main.ts'], outfile: 'out/electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/shell/service-host.ts'], outfile: 'out/electron/service-host.cjs' }),
  // The roster import's .xlsx parsing thread (electron/roster/xlsx-worker.ts starts it from this file).
  // One self-contained file (fflate and htmlparser2 bundled in), unpacked from the app archive when installed.
  build({ ...common, entryPoints: ['electron/roster/xlsx-worker-thread.ts'], outfile: 'out/workers/xlsx-worker.cjs' }),
  // A sandboxed preload can only require('electron') renderer modules: bundle everything else into it.
  build({
    ...common,
    entryPoints: ['electron/shell/preload.ts'],
    outfile: 'out/electron/preload.cjs',
    external: ['electron'],
  }),
]);

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('build: out/cli.cjs, out/electron/{main,preload,service-host}.cjs, out/renderer/');
