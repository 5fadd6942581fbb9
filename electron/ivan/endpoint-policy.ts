import { isIP } from 'node:net';
import { AppError } from '../core/app-error';

/**
 * Which I-VAN endpoints the app talks to: `https:` always; `http:` only to this machine (the local training
 * server), because dossiers and credentials must never cross a network in clear (Electron security checklist #1).
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}

export function checkEndpoint(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new AppError('IVAN_ENDPOINT', `Địa chỉ I-VAN không hợp lệ: ${raw}`, { en: `Invalid I-VAN address: ${raw}` });
  }
  if (u.username || u.password) {
    throw new AppError('IVAN_ENDPOINT', 'Không ghi tài khoản trong địa chỉ I-VAN; nhập tài khoản ở mục Cài đặt', {
      en: 'Do not put credentials in the I-VAN address; enter them in Settings',
    });
  }
  if (u.protocol === 'https:') return u;
  if (u.protocol === 'http:' && isLoopbackHost(u.hostname)) return u;
  throw new AppError('IVAN_ENDPOINT', `Chỉ chấp nhận địa chỉ https (hoặc http trên máy này): ${u.origin}`, {
    en: `Only https addresses (or http on this machine) are accepted: ${u.origin}`,
  });
}
