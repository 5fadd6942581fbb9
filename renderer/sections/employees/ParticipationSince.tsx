import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import {
  participationMessages as messages,
  participationImportMessages as importMessages,
} from './participation-messages';

const MONTH = /^(0[1-9]|1[0-2])\/\d{4}$/;

/** The "participating since" statement of the participation ledger, read for an existing employee. */
export function useParticipationSince(employeeId: number | undefined) {
  const [value, setValue] = useState('');
  const [loaded, setLoaded] = useState('');
  useEffect(() => {
    if (employeeId === undefined) return;
    void api.call('ledger.get', { id: employeeId }).then((r) => {
      if (!r.ok) return;
      setValue(r.value.participatingSince);
      setLoaded(r.value.participatingSince);
    });
  }, [employeeId]);
  const valid = value === '' || MONTH.test(value.trim());
  return {
    value,
    setValue,
    valid,
    /** Writes the statement when it changed; returns an error text or null. */
    async save(unitCode: string, id: number, lang: 'vi' | 'en'): Promise<string | null> {
      if (value.trim() === loaded) return null;
      const r = await api.call('ledger.participatingSince', { unitCode, employeeId: id, since: value.trim() });
      if (!r.ok) return errorText(r.error, lang);
      setLoaded(value.trim());
      return null;
    },
  };
}

export function ParticipationSinceField({ state }: { state: ReturnType<typeof useParticipationSince> }) {
  const { t } = useMessages(messages);
  return (
    <label className="field" title={t('hint')}>
      <span>{t('label')}</span>
      <input
        data-testid="emp-participatingSince"
        placeholder="mm/yyyy"
        aria-invalid={!state.valid || undefined}
        value={state.value}
        onChange={(e) => state.setValue(e.target.value)}
      />
      {!state.valid && <small className="error">{t('bad')}</small>}
    </label>
  );
}

/** The import's "participating since" statement (roster.importCommit participatingSince). */
export function ImportParticipationField({ value, onChange }: { value: string; onChange(v: string): void }) {
  const { t } = useMessages(importMessages);
  return (
    <label className="field" title={t('hint')}>
      <span>{t('label')}</span>
      <input
        data-testid="import-participating-since"
        placeholder="mm/yyyy"
        aria-invalid={(value !== '' && !MONTH.test(value.trim())) || undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <small>{t('hint')}</small>
    </label>
  );
}
