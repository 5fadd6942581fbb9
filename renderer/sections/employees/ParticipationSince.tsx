import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { defineCatalog, errorText, useMessages } from '../../i18n';

const messages = defineCatalog({
  vi: {
    label: 'Đã tham gia BHXH từ tháng (mm/yyyy)',
    hint: 'Cơ quan BHXH đã biết người này tham gia từ tháng này: không đề xuất báo tăng mới. Để trống nếu chưa báo tăng.',
    bad: 'Tháng phải có dạng mm/yyyy',
  },
  en: {
    label: 'Known to BHXH as participating since (mm/yyyy)',
    hint: 'BHXH already knows this person from this month: no new-participant row is proposed. Leave empty if not declared yet.',
    bad: 'The month must be mm/yyyy',
  },
});

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

const importMessages = defineCatalog({
  vi: {
    label: 'Người trong tệp chưa có thông tin tham gia: đã tham gia BHXH từ tháng (mm/yyyy)',
    hint: 'Để trống nếu họ chưa được báo tăng. Người có ngày bắt đầu HĐLĐ sau tháng này được coi là vào làm mới.',
  },
  en: {
    label: 'People in the file without participation information: known to BHXH since (mm/yyyy)',
    hint: 'Leave empty if they were never declared. People whose contract starts after this month are new hires.',
  },
});

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
