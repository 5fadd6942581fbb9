/** The CLI's heavy half (electron/cli/core.ts, built as out/cli-core.cjs), loaded on first use. */
export const loadCore = () => import('./core');
