import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint rules in eslint.config.js are what keep shared/ environment-neutral and the renderer Node-free. */
describe('process boundaries are enforced by lint', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (filePath: string, code: string) =>
    (await eslint.lintText(code, { filePath }))[0]!.messages.map((m) => m.ruleId);

  it('shared/ may not import Node, Electron, native modules or use the DOM', async () => {
    expect(
      await lint('shared/probe.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;"),
    ).toContain('no-restricted-imports');
    expect(
      await lint('shared/probe.ts', "import Database from 'better-sqlite3';\nexport const a = Database;"),
    ).toContain('no-restricted-imports');
    expect(await lint('shared/probe.ts', "import { app } from 'electron';\nexport const a = app;")).toContain(
      'no-restricted-imports',
    );
    expect(await lint('shared/probe.ts', 'export const a = document.title;')).toContain('no-restricted-globals');
    expect(await lint('shared/probe.ts', "import { z } from 'zod';\nexport const a = z.string();")).toEqual([]);
  });

  it('renderer/ may not import Node or Electron', async () => {
    expect(
      await lint('renderer/probe.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;"),
    ).toContain('no-restricted-imports');
    expect(await lint('renderer/probe.ts', "import fs from 'fs';\nexport const a = fs;")).toContain(
      'no-restricted-imports',
    );
    expect(await lint('renderer/probe.ts', "import pkcs11 from 'pkcs11js';\nexport const a = pkcs11;")).toContain(
      'no-restricted-imports',
    );
  });

  it('only electron/shell/ imports Electron, and only main.ts registers IPC', async () => {
    expect(await lint('electron/roster/probe.ts', "import { app } from 'electron';\nexport const a = app;")).toContain(
      'no-restricted-imports',
    );
    expect(
      await lint('electron/shell/probe.ts', "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);"),
    ).toContain('no-restricted-syntax');
  });

  it('focused or skipped tests are errors', async () => {
    // The probe is assembled so that a plain text search for skipped tests does not flag this file itself.
    const skipped = ['it', 'skip'].join('.');
    expect(
      await lint('tests/unit/probe.test.ts', `import { it } from 'vitest';\n${skipped}('x', () => {});`),
    ).toContain('no-restricted-properties');
  });
});
