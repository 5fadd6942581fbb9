import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { workCalendarMessages as messages } from './work-calendar-messages';

type Calendar = '26' | '22';

/** The unit's working calendar of the participation ledger (ledger.calendar): read for a unit, written on save. */
export function useWorkCalendar(unitCode: string | null) {
  const [value, setValue] = useState<Calendar>('26');
  const [loaded, setLoaded] = useState<Calendar | null>(null);
  useEffect(() => {
    if (!unitCode) return;
    void api.call('ledger.calendar', { unitCode }).then((r) => {
      if (!r.ok) return;
      setValue(r.value.calendar);
      setLoaded(r.value.calendar);
    });
  }, [unitCode]);
  return {
    value,
    setValue,
    async save(code: string, lang: 'vi' | 'en'): Promise<string | null> {
      if (value === (loaded ?? '26')) return null;
      const r = await api.call('ledger.calendar', { unitCode: code, calendar: value });
      return r.ok ? null : errorText(r.error, lang);
    },
  };
}

export function WorkCalendarField({ state }: { state: ReturnType<typeof useWorkCalendar> }) {
  const { t } = useMessages(messages);
  return (
    <label className="field" title={t('hint')}>
      <span>{t('label')}</span>
      <select
        data-testid="unit-workCalendar"
        value={state.value}
        onChange={(e) => state.setValue(e.target.value as Calendar)}
      >
        <option value="26">{t('c26')}</option>
        <option value="22">{t('c22')}</option>
      </select>
    </label>
  );
}
