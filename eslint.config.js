// Lint: typescript-eslint's recommended set, React's hooks rules, unused code as errors, and the process boundaries
// (Signal's file-suffix rule, in the cheap form the engineering notes recommend): shared/ runs anywhere, renderer/ is a
// web page, only electron/shell/ may import Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'http2',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
const NATIVE = ['better-sqlite3', 'pkcs11js', 'exceljs', 'node-forge', 'xmllint-wasm', 'electron-updater'];

const nodePatterns = [{ group: ['node:*'], message: 'No Node built-ins here: this code must run in any environment.' }];
const nodePaths = NODE_BUILTINS.map((name) => ({ name, message: 'No Node built-ins here.' }));

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'bin/**',
      'scripts/**',
      '.tmp/**',
      'reports/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      'no-debugger': 'error',
      // Unused code is an error; a leading underscore marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // TypeScript already checks names (and knows the DOM/Node globals per tsconfig).
      'no-undef': 'off',
      // `ok && list.push(x)` and `c ? a() : b()` as statements are fine; a bare unused value is not.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // XML 1.0 and CSV cleaning name the forbidden control characters in character classes on purpose.
      'no-control-regex': 'off',
      // Never leave a focused or skipped test behind.
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'skip' },
        { object: 'it', property: 'only' },
        { object: 'it', property: 'todo' },
        { object: 'test', property: 'skip' },
        { object: 'test', property: 'only' },
        { object: 'test', property: 'fixme' },
        { object: 'describe', property: 'skip' },
        { object: 'describe', property: 'only' },
      ],
    },
  },
  {
    // Tests read JSON documents printed by the CLI and host; expect() checks their shape.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Vietnamese tone marks are combining characters matched one by one in these classes (NFD handling).
    files: ['shared/text/**/*.ts'],
    rules: { 'no-misleading-character-class': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodePaths,
            { name: 'electron', message: 'shared/ must not import Electron.' },
            ...NATIVE.map((name) => ({ name, message: 'shared/ must not import native or Node-only modules.' })),
          ],
          patterns: [
            ...nodePatterns,
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ must not reach into electron/ or renderer/.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'localStorage',
        'sessionStorage',
        'navigator',
        'process',
        'require',
        '__dirname',
        'Buffer',
      ],
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    // The two rules of hooks. The React Compiler rules of eslint-plugin-react-hooks 7 (set-state-in-effect…) are left
    // out: the screens load data in effects on purpose and do not use the compiler.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodePaths,
            { name: 'electron', message: 'The renderer talks to the app only through renderer/api/client.ts.' },
            ...NATIVE.map((name) => ({ name, message: 'No native or Node-only modules in the renderer.' })),
          ],
          patterns: [
            ...nodePatterns,
            { group: ['**/electron/**'], message: 'The renderer must not import electron/ code.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', 'Buffer'],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only electron/shell/ imports Electron; services run under plain Node.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'shared/**/*.ts'],
    ignores: ['electron/shell/main.ts'],
    rules: {
      // Checklist 17: every IPC handler goes through the one guarded registration in electron/shell/main.ts.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='ipcMain']",
          message: 'Register IPC only in electron/shell/main.ts through createCallHandler.',
        },
      ],
    },
  },
);
