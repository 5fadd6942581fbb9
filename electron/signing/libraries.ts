/** The clerk's own PKCS#11 library paths, kept in settings (`signing.userLibraries`). */
import { isAbsolute, normalize } from 'node:path';
import type { ServiceContext } from '../core/context';
import { AppError } from '../core/app-error';
import { unquotedPath } from '../core/paths';
import { getSetting, setSetting, audit } from '../system/settings';

const KEY = 'signing.userLibraries';

export function userLibraries(ctx: ServiceContext): string[] {
  return getSetting<string[]>(ctx.db, KEY, []);
}

/**
 * The path as the clerk pasted it: Windows Explorer's "Copy as path" (Shift + right click; Ctrl+Shift+C on Windows 11)
 * wraps it in double quotes, which no file name can hold — without them the path is the one meant.
 */
export function userLibraryPath(path: string): string {
  return normalize(unquotedPath(path));
}

export function addUserLibrary(ctx: ServiceContext, path: string): string[] {
  const p = userLibraryPath(path);
  if (!isAbsolute(p)) {
    throw new AppError(
      'VALIDATION',
      'Đường dẫn thư viện phải là đường dẫn đầy đủ (ví dụ C:\\Windows\\System32\\vnpt-ca_csp11.dll)',
      {
        en: 'The library path must be absolute (e.g. C:\\Windows\\System32\\vnpt-ca_csp11.dll)',
        details: {
          problems: [
            {
              field: 'path',
              code: 'NOT_ABSOLUTE',
              message: 'Đường dẫn phải đầy đủ',
              messageEn: 'Path must be absolute',
            },
          ],
        },
      },
    );
  }
  const list = userLibraries(ctx);
  if (!list.includes(p)) {
    list.push(p);
    setSetting(ctx.db, KEY, list, ctx.now());
    audit(ctx.db, { at: ctx.now(), action: 'signing.addLibrary', subjectType: 'pkcs11-library', subjectId: p });
  }
  return list;
}

export function removeUserLibrary(ctx: ServiceContext, path: string): string[] {
  const list = userLibraries(ctx).filter((p) => p !== path);
  setSetting(ctx.db, KEY, list, ctx.now());
  return list;
}
