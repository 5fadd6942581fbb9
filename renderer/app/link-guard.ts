import { isAllowedExternalHost } from '../../shared/security/external-links';

/**
 * Links never take the app's window or tab away from the app (Electron security checklist 13–14, and the same in
 * browser mode): same-page hash routes work; a vetted https link opens in the OS browser (desktop, checked again by
 * the main process) or a separate tab without opener (browser mode); every other link does nothing.
 */
export function isVettedExternal(url: URL): boolean {
  return (
    url.protocol === 'https:' &&
    !url.username &&
    !url.password &&
    (url.port === '' || url.port === '443') &&
    isAllowedExternalHost(url.hostname)
  );
}

export function installLinkGuard(doc: Document = document): () => void {
  const onClick = (e: MouseEvent) => {
    const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
    if (!a || a.hasAttribute('download')) return;
    let url: URL;
    try {
      url = new URL(a.getAttribute('href')!, window.location.href);
    } catch {
      e.preventDefault();
      return;
    }
    const here = new URL(window.location.href);
    const samePage = url.origin === here.origin && url.pathname === here.pathname && url.search === here.search;
    if (samePage && a.target !== '_blank') return;
    e.preventDefault();
    if (!isVettedExternal(url)) return;
    if (window.kekhai) void window.kekhai.openExternal(url.href);
    else window.open(url.href, '_blank', 'noopener,noreferrer');
  };
  doc.addEventListener('click', onClick, true);
  // Middle-click opens links in a new tab without a click event.
  const onAux = (e: MouseEvent) => {
    if ((e.target as Element | null)?.closest?.('a[href]')) onClick(e);
  };
  doc.addEventListener('auxclick', onAux, true);
  return () => {
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('auxclick', onAux, true);
  };
}
