import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp';

// Static checks of the Electron security checklist over all sources and the built renderer. How main.ts wires the
// window, the session, new webContents and IPC is exercised as running code in main-behaviour.test.ts.
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
    const bad =
      /\b(nodeIntegration|nodeIntegrationInWorker|nodeIntegrationInSubFrames|allowRunningInsecureContent|experimentalFeatures|webviewTag)\s*:\s*true\b|\b(contextIsolation|sandbox|webSecurity)\s*:\s*false\b|enableBlinkFeatures|disableBlinkFeatures|'unsafe-eval'/;
    const offenders = codeFiles.filter((f) => bad.test(read(f)));
    expect(offenders).toEqual([]);
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
    const d = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';')
        .map((p) => p.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
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
    // Attributes may be split over lines (the page is formatted): match across white space.
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
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
