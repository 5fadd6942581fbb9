import { marked } from 'marked';

/**
 * The user guide (docs/guide/*.md and its screenshots) bundled into the renderer, so F1 shows the page of the current
 * screen in both faces, offline. The text is ours, written in the repository: rendered as is.
 */
const PAGES = import.meta.glob<string>('../../docs/guide/*.md', { eager: true, query: '?raw', import: 'default' });
const IMAGES = import.meta.glob<string>('../../docs/guide/images/*.png', {
  eager: true,
  query: '?url',
  import: 'default',
});

/** The page as HTML, its pictures pointing at the bundled files. */
export function guideHtml(name: string): string | null {
  const md = PAGES[`../../docs/guide/${name}`];
  if (md === undefined) return null;
  const withImages = md.replace(/\]\(images\/([^)]+)\)/g, (m, file: string) => {
    const url = IMAGES[`../../docs/guide/images/${file}`];
    return url ? `](${url})` : m;
  });
  return marked.parse(withImages, { async: false });
}
