// Vite's import.meta.glob (the renderer has no vite/client types): the user guide is bundled at build time.
interface ImportMeta {
  glob<T>(pattern: string, options: { eager: true; query: string; import: 'default' }): Record<string, T>;
}
