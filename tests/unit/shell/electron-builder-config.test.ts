import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('electron-builder.yml', () => {
  it('validates against electron-builder’s own schema', () => {
    // Read by path: app-builder-lib 27 adds an exports map that hides the subpath from require.resolve.
    const schema = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));
    // The schema uses the non-standard `typeof` keyword for hook functions; strict mode would reject it.
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check has teeth: a stale key is rejected', () => {
    const schema = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ ...config, win: { ...config.win, certificateFile: 'x.pfx' } })).toBe(false);
  });

  it('builds an assisted NSIS x64 installer, per-user by default with the per-machine choice', () => {
    expect(config.appId).toBe('vn.kekhai.bhxh');
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      selectPerMachineByDefault: false,
      allowElevation: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      deleteAppDataOnUninstall: false,
    });
    expect(config.win.requestedExecutionLevel).toBe('asInvoker');
  });

  it('speaks Vietnamese', () => {
    expect(config.nsis.installerLanguages).toEqual(['vi_VN']);
    expect(config.nsis.language).toBe('1066');
    expect(config.nsis.unicode).toBe(true);
    expect(existsSync(join(root, config.nsis.include))).toBe(true);
  });

  it('unpacks and rebuilds the native modules, and ships resources/ where paths.ts looks', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**', 'node_modules/pkcs11js/**']),
    );
    expect(config.npmRebuild).toBe(true);
    expect(config.extraResources).toEqual([{ from: 'resources', to: 'resources', filter: ['**/*', '!build/**'] }]);
    const paths = readFileSync(join(root, 'electron/core/paths.ts'), 'utf8');
    expect(paths).toContain("join(packaged, 'resources')");
    // The native modules are runtime dependencies (electron-builder only packs `dependencies`).
    for (const m of ['better-sqlite3', 'pkcs11js', 'electron-updater']) expect(pkg.dependencies[m], m).toBeDefined();
    expect(pkg.devDependencies.electron).toBeDefined();
    // The bundles the app starts from are packed.
    expect(pkg.main).toBe('out/electron/main.cjs');
    expect(config.files).toEqual(expect.arrayContaining(['out/electron/**', 'out/renderer/**', 'package.json']));
    expect(config.files.some((f: string) => f.includes('tests'))).toBe(false);
  });

  it('packs every bundle scripts/build.mjs writes (a bundle left out silently falls back or fails in the installed app)', () => {
    const build = readFileSync(join(root, 'scripts/build.mjs'), 'utf8');
    const outfiles = [...build.matchAll(/outfile: '([^']+)'/g)].map((m) => m[1]!);
    expect(outfiles.length).toBeGreaterThan(4);
    const patterns: string[] = config.files.filter((f: string) => f.startsWith('out/'));
    const packed = (file: string) =>
      patterns.some((p) => (p.endsWith('/**') ? file.startsWith(p.slice(0, -2)) : file === p));
    for (const file of outfiles) expect(packed(file), file).toBe(true);
    expect(config.asarUnpack).toContain('out/workers/**');
  });

  it('sets the Electron fuses of the security checklist', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('publishes to a generic https file server for electron-updater', () => {
    const [feed] = config.publish;
    expect(feed.provider).toBe('generic');
    expect(feed.url).toMatch(/^https:\/\//);
  });

  it('points at icons that are real Windows icon files', () => {
    for (const key of ['installerIcon', 'uninstallerIcon']) expect(config.nsis[key]).toBe(config.win.icon);
    const ico = readFileSync(join(root, config.win.icon));
    // ICONDIR: reserved 0, type 1 (icon), at least one image; first entry 256×256 stored as PNG.
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(1);
    const offset = ico.readUInt32LE(18);
    expect(ico.subarray(offset, offset + 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(ico.readUInt32BE(offset + 16)).toBe(256);
  });
});

describe('resources/build/installer.nsh', () => {
  const nsh = readFileSync(join(root, 'resources/build/installer.nsh'));
  const text = nsh.toString('utf8');
  it('is UTF-8 with BOM (NSIS reads Vietnamese correctly only then)', () => {
    expect([...nsh.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
  it('defines the electron-builder macros with Vietnamese texts, and keeps the data on uninstall', () => {
    for (const m of ['customHeader', 'customWelcomePage', 'customInstall', 'customUnInstall'])
      expect(text).toMatch(new RegExp(`!macro ${m}\\b[\\s\\S]*?!macroend`));
    expect(text).toContain('Chào mừng bạn đến với KêKhai BHXH');
    expect(text).toContain('${ifNot} ${isUpdated}');
    expect(text).not.toMatch(/RMDir\s+\/r\s+"?\$APPDATA/i);
    // Silent installs (IT deployment with /S) must not stop at a message box.
    for (const line of text.split('\n').filter((l) => l.includes('MessageBox'))) expect(line).toContain('/SD');
  });
});
