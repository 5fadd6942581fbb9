import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// The Windows runner job cannot run here; this keeps it consistent with the config it builds.
const root = process.cwd();
const wf = parse(readFileSync(join(root, '.github/workflows/windows-installer.yml'), 'utf8'));
const builder = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const job = wf.jobs.installer;
const steps: { name?: string; uses?: string; run?: string; with?: Record<string, unknown> }[] = job.steps;
const runText = steps.map((s) => s.run ?? '').join('\n');

describe('.github/workflows/windows-installer.yml', () => {
  it('runs on a Windows runner with read-only permissions', () => {
    expect(job['runs-on']).toMatch(/^windows-/);
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['workflow_dispatch', 'push', 'pull_request']));
  });

  it('installs, builds and packages with the project’s own commands', () => {
    const setupNode = steps.find((s) => s.uses?.startsWith('actions/setup-node'));
    expect(Number(setupNode?.with?.['node-version'])).toBeGreaterThanOrEqual(Number(/\d+/.exec(pkg.engines.node)![0]));
    const order = ['npm ci', 'npm run build', 'npx electron-builder --win nsis --x64'].map((c) => runText.indexOf(c));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(pkg.scripts.build).toBeDefined();
    // The binary download must happen there, unlike on our machines.
    expect(JSON.stringify(wf)).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
  });

  it('looks for the installer and the exe under the names electron-builder.yml gives them', () => {
    const artifactGlob = builder.nsis.artifactName.replace('${version}', '*').replace('${ext}', 'exe');
    expect(runText).toContain(artifactGlob);
    expect(runText).toContain(`${builder.executableName}.exe`);
    expect(runText).toContain(`${builder.nsis.shortcutName}.lnk`);
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(String(upload?.with?.path)).toContain(`release/${artifactGlob}`);
    expect(builder.directories.output).toBe('release');
  });

  it('smoke-tests the installed app: silent per-user install, fuses, start-up, database, uninstall keeps data', () => {
    expect(runText).toMatch(/"\/S", "\/currentuser"/);
    expect(runText).toContain('@electron/fuses read');
    expect(runText).toContain('RunAsNode is Disabled');
    expect(runText).toContain('kekhai.db');
    expect(runText).toContain('kekhai-auto-');
    expect(runText).toMatch(/Uninstall[\s\S]*uninstall removed the data/);
    // A temp data folder, never the runner user's real one.
    expect(job.env.KEKHAI_DATA).toContain('runner.temp');
    // The packed native modules are the ones asarUnpack names.
    expect(runText).toContain('app.asar.unpacked\\node_modules\\better-sqlite3');
    expect(runText).toContain('app.asar.unpacked\\node_modules\\pkcs11js');
  });

  it('re-runs when the files it depends on change', () => {
    for (const p of [
      'electron-builder.yml',
      'resources/build/**',
      'package.json',
      '.github/workflows/windows-installer.yml',
    ])
      expect(wf.on.pull_request.paths).toContain(p);
  });

  it('drives the real Electron window with Playwright in its own Windows job, after the build', () => {
    const win = wf.jobs['electron-window'];
    expect(win['runs-on']).toMatch(/^windows-/);
    const run = (win.steps as { run?: string }[]).map((s) => s.run ?? '').join('\n');
    expect(run.indexOf('npm ci')).toBeGreaterThanOrEqual(0);
    expect(run.indexOf('npm run build')).toBeGreaterThan(run.indexOf('npm ci'));
    expect(run.indexOf('npx playwright test -c playwright.electron.config.ts')).toBeGreaterThan(
      run.indexOf('npm run build'),
    );
    expect(readFileSync(join(root, 'playwright.electron.config.ts'), 'utf8')).toContain("testDir: 'tests/electron'");
    expect(readFileSync(join(root, 'tests/electron/window.spec.ts'), 'utf8')).toContain('_electron');
  });
});
