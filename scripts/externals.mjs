// The packages esbuild leaves out of the bundles: loaded from node_modules at run time, so they (and only they)
// are production `dependencies` that electron-builder packs into app.asar. Everything else is bundled and belongs
// in devDependencies (tests/unit/architecture/bundle-graph.test.ts holds package.json to this list).
//   better-sqlite3, pkcs11js  native addons (.node files cannot be bundled)
//   xmllint-wasm              loads its .wasm file next to its own script
//   electron-updater          electron-builder checks for it to write app-update.yml
//   electron                  provided by the Electron runtime itself (a devDependency)
export const runtimeDependencies = ['better-sqlite3', 'pkcs11js', 'xmllint-wasm', 'electron-updater'];
export const external = [...runtimeDependencies, 'electron'];
