/**
 * `shell.openExternal` only for vetted https links (Electron security checklist item 15; Bitwarden safe-shell):
 * BHXH and the I-VAN providers' public sites. No credentials, no other schemes, exact host or its subdomains.
 */
export const EXTERNAL_LINK_HOSTS = ['baohiemxahoi.gov.vn', 'dichvucong.baohiemxahoi.gov.vn', 'vinaphone.com.vn', 'ts24.com.vn', 'thaison.vn', 'efy.com.vn', 'bkav.com.vn', 'viettel.com.vn'];

export function isSafeExternalUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password || (u.port && u.port !== '443')) return false;
  const host = u.hostname.toLowerCase();
  return EXTERNAL_LINK_HOSTS.some((h) => host === h || host.endsWith('.' + h));
}
