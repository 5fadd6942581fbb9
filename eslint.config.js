// Lint keeps the process boundaries honest (Signal's file-suffix rule, in the cheap form the engineering notes
// recommend): shared/ runs anywhere, renderer/ is a web page, only electron/shell/ may import Electron.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];
const NATIVE = ['better-sqlite3', 'pkcs11js', 'exceljs', 'node-forge', 'xmllint-wasm', 'electron-updater'];

const nodePatterns = [{ group: ['node:*'], message: 'No Node built-ins here: this code must run in any environment.' }];
const nodePaths = NODE_BUILTINS.map((name) => ({ name, message: 'No Node built-ins here.' }));

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', 'bin/**', 'scripts/**', '.tmp/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-debugger': 'error',
      // Never leave a focused or skipped test behind.
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'skip' }, { object: 'it', property: 'only' }, { object: 'it', property: 'todo' },
        { object: 'test', property: 'skip' }, { object: 'test', property: 'only' }, { object: 'test', property: 'fixme' },
        { object: 'describe', property: 'skip' }, { object: 'describe', property: 'only' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodePaths, { name: 'electron', message: 'shared/ must not import Electron.' }, ...NATIVE.map((name) => ({ name, message: 'shared/ must not import native or Node-only modules.' }))],
          patterns: [...nodePatterns, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not reach into electron/ or renderer/.' }],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'process', 'require', '__dirname', 'Buffer'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodePaths, { name: 'electron', message: 'The renderer talks to the app only through renderer/api/client.ts.' }, ...NATIVE.map((name) => ({ name, message: 'No native or Node-only modules in the renderer.' }))],
          patterns: [...nodePatterns, { group: ['**/electron/**'], message: 'The renderer must not import electron/ code.' }],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', 'Buffer'],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/shell/ imports Electron; services run under plain Node.' }] }],
    },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'shared/**/*.ts'],
    ignores: ['electron/shell/main.ts'],
    rules: {
      // Checklist 17: every IPC handler goes through the one guarded registration in electron/shell/main.ts.
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='ipcMain']", message: 'Register IPC only in electron/shell/main.ts through createCallHandler.' },
      ],
    },
  },
);
