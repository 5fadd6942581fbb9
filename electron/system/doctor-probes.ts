import { existsSync } from 'node:fs';
import { candidateLibraries, readLibraryList } from '../signing/discovery';
import { userLibraries } from '../signing/libraries';
import type { ServiceContext } from '../core/context';

/**
 * The PKCS#11 libraries of resources/pkcs11-libraries.json (and the clerk's own paths) found on this machine.
 * The list and its path rules belong to the signing service; the doctor only reports which files exist.
 */
export function doctorPkcs11Libraries(ctx: ServiceContext): { name: string; path: string; found: boolean }[] {
  const list = readLibraryList(ctx.resourcesDir);
  return candidateLibraries(list, userLibraries(ctx)).map((c) => ({
    name: c.vendor,
    path: c.path,
    found: existsSync(c.path),
  }));
}

/** Each unit's chosen I-VAN provider (roster) and the endpoint entered in its I-VAN settings (never credentials). */
export function doctorIvanProviders(
  ctx: ServiceContext,
): { unitCode: string; provider: string | null; endpoint: string | null }[] {
  const rows = ctx.db
    .prepare(
      `SELECT u.code AS unitCode, COALESCE(s.provider_code, u.ivan_provider) AS provider, s.endpoint AS endpoint
       FROM units u LEFT JOIN ivan_provider_settings s ON s.unit_code = u.code ORDER BY u.code`,
    )
    .all() as { unitCode: string; provider: string | null; endpoint: string | null }[];
  return rows;
}
