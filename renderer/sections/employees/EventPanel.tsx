import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import type { EmployeeRecord } from '../../../shared/contract/roster';
import { formatMoney } from '../../../shared/format';
import { api } from '../../api/client';
import { DateField } from '../../components/DateField';
import { errorText, useMessages } from '../../i18n';
import { eventPanelMessages as messages } from './event-panel-messages';

const KINDS = ['hire', 'leave', 'salary', 'maternity', 'sick', 'unpaid', 'return'] as const;
type Kind = (typeof KINDS)[number];

/** `employee.event` from the employee form: one dated event at a time, and the person's events so far. */
/** `onRecorded` gets the roster record as the event left it (status, salary, contract start), so the open form stays in step. */
export function EventPanel({
  unitCode,
  employeeId,
  onRecorded,
}: {
  unitCode: string;
  employeeId: number;
  onRecorded(e: EmployeeRecord): void;
}) {
  const { t, lang } = useMessages(messages);
  const [kind, setKind] = useState<Kind>('leave');
  const [effective, setEffective] = useState('');
  const [end, setEnd] = useState('');
  const [salary, setSalary] = useState('');
  const [items, setItems] = useState<Output<'employee.events'>['items']>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(async () => {
    const r = await api.call('employee.events', { id: employeeId });
    if (r.ok) setItems(r.value.items);
  }, [employeeId]);
  useEffect(() => void load(), [load]);

  async function record() {
    const amount = Number(salary.replace(/\D/g, ''));
    const r = await api.call('employee.event', {
      unitCode,
      employee: employeeId,
      kind,
      effective: effective.trim(),
      salary: (kind === 'salary' || kind === 'hire') && amount > 0 ? amount : undefined,
      end: ['maternity', 'sick', 'unpaid'].includes(kind) && end.trim() ? end.trim() : undefined,
    });
    if (!r.ok) return setMessage({ ok: false, text: errorText(r.error, lang) });
    setMessage({ ok: true, text: t('recorded') });
    const rec = await api.call('employee.get', { id: employeeId });
    if (rec.ok) onRecorded(rec.value);
    setEffective('');
    setEnd('');
    setSalary('');
    void load();
  }

  return (
    <fieldset data-testid="employee-events" title={t('hint')}>
      <legend>{t('title')}</legend>
      <label className="field">
        <span>{t('kind')}</span>
        <select data-testid="event-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`k.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <DateField label={t('effective')} testId="event-effective" value={effective} onChange={setEffective} />
      {(kind === 'salary' || kind === 'hire') && (
        <label className="field">
          <span>{t('salary')}</span>
          <input
            data-testid="event-salary"
            inputMode="numeric"
            value={salary}
            onChange={(e) => setSalary(e.target.value)}
          />
        </label>
      )}
      {['maternity', 'sick', 'unpaid'].includes(kind) && (
        <DateField label={t('end')} testId="event-end" value={end} onChange={setEnd} />
      )}
      <button type="button" data-testid="event-record" onClick={() => void record()}>
        {t('record')}
      </button>
      {message && (
        <p className={message.ok ? 'success' : 'error'} role="status">
          {message.text}
        </p>
      )}
      {items.length > 0 && (
        <ul data-testid="event-list">
          {items.map((e) => (
            <li key={e.id}>
              {t(`k.${e.kind}`)} — {e.effective}
              {e.end ? ` → ${e.end}` : ''}
              {e.salary ? ` · ${formatMoney(e.salary)}` : ''}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
