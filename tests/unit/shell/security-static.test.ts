import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp';

// Static checks of the Electron security checklist over the sources and the built renderer.
const root = process.cwd();
const read = (p: string) => readFileSync(join(root, p), 'utf8');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(join(root, dir))) {
    const p = join(dir, name);
    if (statSync(join(root, p)).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

function ast(path: string): ts.SourceFile {
  return ts.createSourceFile(path, read(path), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function calls(sf: ts.SourceFile, text: RegExp): ts.CallExpression[] {
  const found: ts.CallExpression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && text.test(n.expression.getText(sf))) found.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

const codeFiles = [...walk('electron'), ...walk('renderer'), ...walk('shared')];

describe('no weakened web preferences anywhere (checklist 2–4, 6, 8–10)', () => {
  it('no file turns a protection off', () => {
    const bad = /\b(nodeIntegration|nodeIntegrationInWorker|nodeIntegrationInSubFrames|allowRunningInsecureContent|experimentalFeatures|webviewTag)\s*:\s*true\b|\b(contextIsolation|sandbox|webSecurity)\s*:\s*false\b|enableBlinkFeatures|disableBlinkFeatures|'unsafe-eval'/;
    const offenders = codeFiles.filter((f) => bad.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('the window is created only from windowOptions() and the sandbox is forced for every renderer', () => {
    const sf = ast('electron/shell/main.ts');
    const windows = calls(sf, /^BrowserWindow$/).length + (read('electron/shell/main.ts').match(/new BrowserWindow\(/g) ?? []).length;
    expect(windows).toBe(1);
    expect(read('electron/shell/main.ts')).toMatch(/new BrowserWindow\(windowOptions\(/);
    expect(calls(sf, /^app\.enableSandbox$/)).toHaveLength(1);
    expect(calls(sf, /^app\.requestSingleInstanceLock$/)).toHaveLength(1);
  });
});

describe('main process wiring (checklist 5, 11–15, 17)', () => {
  const sf = ast('electron/shell/main.ts');
  it('hardens the default session and every webContents', () => {
    const hs = calls(sf, /^hardenSession$/);
    expect(hs.map((c) => c.arguments[0]!.getText(sf))).toEqual(['session.defaultSession']);
    const hc = calls(sf, /^hardenContents$/);
    expect(hc).toHaveLength(1);
    // …inside app.on('web-contents-created'), so windows created later are covered too.
    let p: ts.Node | undefined = hc[0];
    while (p && !(ts.isCallExpression(p) && p.expression.getText(sf) === 'app.on')) p = p.parent;
    expect(p && (p as ts.CallExpression).arguments[0]!.getText(sf)).toBe("'web-contents-created'");
  });

  it('every shell.openExternal is behind the allow-list', () => {
    for (const file of ['electron/shell/main.ts', 'electron/shell/security.ts']) {
      const f = ast(file);
      for (const c of calls(f, /(^|\.)openExternal$/)) {
        const fn = ((): ts.Node | undefined => {
          let n: ts.Node | undefined = c;
          while (n && !ts.isIfStatement(n) && !ts.isArrowFunction(n) && !ts.isFunctionDeclaration(n)) n = n.parent;
          return n;
        })();
        const guarded = fn && ts.isIfStatement(fn) && /isSafeExternalUrl/.test(fn.expression.getText(f));
        const delegated = fn && ts.isArrowFunction(fn) && /openExternal:\s*\(url\)/.test(fn.parent.getText(f)) && file.endsWith('main.ts');
        expect(guarded || delegated, `${file}: ${c.getText(f)}`).toBeTruthy();
      }
    }
    // The delegate handed to hardenContents is only called behind isSafeExternalUrl (security.ts).
    for (const c of calls(ast('electron/shell/security.ts'), /^policy\.openExternal$/)) {
      let n: ts.Node | undefined = c;
      while (n && !ts.isIfStatement(n)) n = n.parent;
      expect(n && (n as ts.IfStatement).expression.getText()).toContain('isSafeExternalUrl');
    }
  });

  it('IPC is registered only in main.ts, each channel through the sender guard', () => {
    const users = codeFiles.filter((f) => /\bipcMain\.(handle|on|once|handleOnce)\(/.test(read(f)));
    expect(users).toEqual(['electron/shell/main.ts']);
    const handles = calls(sf, /^ipcMain\.(handle|on|once|handleOnce)$/);
    expect(handles.map((c) => c.arguments[0]!.getText(sf)).sort()).toEqual(["'kekhai:call'", "'kekhai:shell'"]);
    for (const h of handles) expect(h.getText(sf)).toContain('createCallHandler');
  });
});

describe('preload (checklist 3, 17)', () => {
  const src = read('electron/shell/preload.ts');
  it('exposes one small API through contextBridge and never ipcRenderer itself', () => {
    const sf = ast('electron/shell/preload.ts');
    const exposed = calls(sf, /^contextBridge\.exposeInMainWorld$/);
    expect(exposed.map((c) => c.arguments[0]!.getText(sf))).toEqual(["'kekhai'"]);
    expect(src).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
    expect(src).not.toMatch(/:\s*ipcRenderer\b\s*[,}]/);
    expect(src).not.toMatch(/ipcRenderer\.(send|sendSync)\(/);
    // Only the two guarded channels are invoked.
    const channels = [...src.matchAll(/ipcRenderer\.invoke\('([^']+)'/g)].map((m) => m[1]);
    expect([...new Set(channels)].sort()).toEqual(['kekhai:call', 'kekhai:shell']);
  });
});

describe('content security policy (checklist 7)', () => {
  it('forbids inline script and eval, plugins, framing and foreign connections', () => {
    const d = Object.fromEntries(CONTENT_SECURITY_POLICY.split(';').map((p) => p.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
  });

  it('the built page carries exactly that policy and no inline script', () => {
    const built = join(root, 'out', 'renderer', 'index.html');
    expect(existsSync(built), 'run npm run build first').toBe(true);
    const html = readFileSync(built, 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\.\//);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+="/i);
    // The source page and the shared constant agree too.
    expect(read('renderer/index.html')).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
  });

  it('the browser-mode host sends the same policy', () => {
    expect(read('electron/host/server.ts')).toMatch(/'Content-Security-Policy': CONTENT_SECURITY_POLICY/);
  });
});

