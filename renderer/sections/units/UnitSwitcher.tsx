import { useEffect } from 'react';
import { useCurrentUnit } from '../../app/stores';
import { useMessages } from '../../i18n';
import { unitMessages } from './messages';
import { useUnits } from './units-store';

/** Picks the unit every roster and declaration screen works on (accounting firms keep several). */
export function UnitSwitcher() {
  const { t } = useMessages(unitMessages);
  const { units, loaded, reload } = useUnits();
  const { unitCode, setUnit } = useCurrentUnit();
  useEffect(() => {
    if (!loaded) void reload();
  }, [loaded, reload]);
  useEffect(() => {
    if (loaded && units.length && !units.some((u) => u.code === unitCode)) setUnit(units[0]!.code);
  }, [loaded, units, unitCode, setUnit]);
  return (
    <label className="unit-switcher">
      {t('switcher')}{' '}
      <select data-testid="unit-switcher" value={unitCode ?? ''} onChange={(e) => setUnit(e.target.value || null)}>
        {!units.length && <option value="">{t('none')}</option>}
        {units.map((u) => (
          <option key={u.code} value={u.code}>
            {u.code} — {u.name}
          </option>
        ))}
      </select>
    </label>
  );
}
