import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from '../../core/context';

/** Expands %WINDIR%-style and $HOME-style variables in a library path. */
function expand(p: string): string {
  return p
    .replace(/%([A-Za-z0-9_()]+)%/g, (_m, name: string) => process.env[name] ?? process.env[name.toUpperCase()] ?? `%${name}%`)
    .replace(/\$\{?([A-Z_][A-Z0-9_]*)\}?/g, (_m, name: string) => process.env[name] ?? '');
}

function platformKey(): string {
  return process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'darwin' : 'linux';
}

/**
 * The PKCS#11 libraries of resources/pkcs11-libraries.json for this OS, with whether each file exists.
 * Read tolerantly: the signing service owns the format and the real probing (load, initialise, slots).
 */
export function doctorPkcs11Libraries(ctx: ServiceContext): { name: string; path: string; found: boolean }[] {
  const file = join(ctx.resourcesDir, 'pkcs11-libraries.json');
  if (!existsSync(file)) return [];
  const data = JSON.parse(readFileSync(file, 'utf8')) as { libraries?: unknown[] };
  const out: { name: string; path: string; found: boolean }[] = [];
  for (const lib of data.libraries ?? []) {
    const l = lib as { name?: string; vendor?: string; paths?: Record<string, unknown>; files?: Record<string, unknown> };
    const byOs = (l.paths ?? l.files ?? {})[platformKey()];
    const list = Array.isArray(byOs) ? byOs : typeof byOs === 'string' ? [byOs] : byOs && typeof byOs === 'object' ? Object.values(byOs).flat() : [];
    for (const p of list) {
      if (typeof p !== 'string') continue;
      const path = expand(p);
      out.push({ name: String(l.name ?? l.vendor ?? path), path, found: existsSync(path) });
    }
  }
  return out;
}

/** Each unit's chosen I-VAN provider and endpoint, when the roster and I-VAN tables exist. */
export function doctorIvanProviders(ctx: ServiceContext): { unitCode: string; provider: string | null; endpoint: string | null }[] {
  const hasUnits = ctx.db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='units'").get();
  if (!hasUnits) return [];
  const cols = (ctx.db.prepare("SELECT name FROM pragma_table_info('units')").all() as { name: string }[]).map((c) => c.name);
  const providerCol = cols.find((c) => c === 'ivan_provider' || c === 'ivan_code' || c === 'ivan_provider_code');
  const rows = ctx.db.prepare(`SELECT code${providerCol ? `, ${providerCol} AS provider` : ''} FROM units ORDER BY code`).all() as { code: string; provider?: string }[];
  return rows.map((r) => ({ unitCode: r.code, provider: r.provider ?? null, endpoint: null }));
}
