import { isAllowedExternalHost } from '../../shared/security/external-links';

export { EXTERNAL_LINK_HOSTS } from '../../shared/security/external-links';

/**
 * `shell.openExternal` only for vetted https links (Electron security checklist item 15; Bitwarden safe-shell):
 * no credentials, no other schemes or ports, exact host or its subdomains (shared/security/external-links.ts).
 */
export function isSafeExternalUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password || (u.port && u.port !== '443')) return false;
  return isAllowedExternalHost(u.hostname);
}
