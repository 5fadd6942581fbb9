/**
 * The only sites a link in the app may open, in the OS browser (Electron security checklist item 15): BHXH and the
 * I-VAN providers' public sites, https only, the exact host or its subdomains. The desktop shell enforces it in the
 * main process (electron/shell/safe-links.ts); the page uses it to decide which links to hand over at all.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'baohiemxahoi.gov.vn',
  'dichvucong.baohiemxahoi.gov.vn',
  'vinaphone.com.vn',
  'ts24.com.vn',
  'thaison.vn',
  'efy.com.vn',
  'bkav.com.vn',
  'viettel.com.vn',
];

/** Host part of an already-parsed https URL → allowed? (The caller parses: shared/ has no URL type.) */
export function isAllowedExternalHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return EXTERNAL_LINK_HOSTS.some((h) => host === h || host.endsWith('.' + h));
}
