import type Database from 'better-sqlite3';
import { appSettings, SETTING_DEFAULTS, type AppSettings, type SettingKey } from '../../shared/contract/desk';
import { audit, getSetting, setSetting } from '../system/settings';

const KEYS = Object.keys(appSettings.shape) as SettingKey[];
const DEFAULTS: AppSettings = { ...SETTING_DEFAULTS };

/** Every app setting with its default filled in. A stored value that no longer validates falls back to the default. */
export function readSettings(db: Database.Database): AppSettings {
  const raw: Record<string, unknown> = {};
  for (const k of KEYS) raw[k] = getSetting<unknown>(db, k, DEFAULTS[k]);
  const parsed = appSettings.safeParse(raw);
  if (parsed.success) return parsed.data;
  const out: Record<string, unknown> = { ...DEFAULTS };
  for (const k of KEYS) {
    const one = appSettings.shape[k].safeParse(raw[k]);
    if (one.success) out[k] = one.data;
  }
  return out as AppSettings;
}

/** Writes the changed keys in one transaction and records each change (old → new) in the audit log. */
export function writeSettings(db: Database.Database, patch: Partial<AppSettings>, now: Date): AppSettings {
  const before = readSettings(db);
  db.transaction(() => {
    for (const k of KEYS) {
      if (!(k in patch)) continue;
      const value = patch[k];
      if (JSON.stringify(value) === JSON.stringify(before[k])) continue;
      setSetting(db, k, value, now);
      audit(db, {
        at: now,
        action: 'settings.changed',
        subjectType: 'setting',
        subjectId: k,
        detail: { from: before[k], to: value },
      });
    }
  })();
  return readSettings(db);
}
