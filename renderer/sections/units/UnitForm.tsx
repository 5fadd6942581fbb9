import { useRef, useState } from 'react';
import type { UnitFields, UnitRecord } from '../../../shared/contract/roster';
import { IvanProviderSelect } from '../../components/IvanProviderSelect';
import { WAGE_REGION_NAMES } from '../../../shared/codes/wage-regions';
import { checkUnit, type UnitProblem } from '../../../shared/identity/unit-record';
import { api } from '../../api/client';
import { useWorkCalendar, WorkCalendarField } from './WorkCalendar';
import { errorText, useMessages } from '../../i18n';
import { unitMessages } from './messages';

const EMPTY: UnitFields = {
  code: '',
  name: '',
  taxCode: '',
  agencyCode: '',
  wageRegion: '01',
  address: '',
  phone: '',
  email: '',
  signer: '',
  ivanProvider: '',
};

/** Add or edit a unit; the same checks as the service run as the clerk types (MST check digit, 5-digit agency…). */
export function UnitForm({
  unit,
  onDone,
  onReload,
}: {
  unit: UnitRecord | null;
  onDone(saved: UnitRecord | null): void;
  /** The unit was changed elsewhere since this form loaded it: open its stored version instead. */
  onReload?(current: UnitRecord): void;
}) {
  const { t, lang } = useMessages(unitMessages);
  const [v, setV] = useState<UnitFields>(unit ? { ...EMPTY, ...unit } : EMPTY);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverError, setServerError] = useState<string | null>(null);
  const [stale, setStale] = useState<UnitRecord | null>(null);
  // One save at a time: a double click or Enter pressed twice sends one request.
  const saving = useRef(false);
  const [busy, setBusy] = useState(false);
  const calendar = useWorkCalendar(unit?.code ?? null);
  const problems = checkUnit(v).problems;
  const problemOf = (f: keyof UnitFields): UnitProblem | undefined =>
    touched.has(f) ? problems.find((p) => p.field === f) : undefined;
  const set = (f: keyof UnitFields, value: string) => {
    setV({ ...v, [f]: value });
    setTouched(new Set(touched).add(f));
  };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(new Set(Object.keys(v)));
    if (problems.length) return;
    if (saving.current) return;
    saving.current = true;
    setBusy(true);
    try {
      const r = unit
        ? await api.call('unit.update', {
            code: unit.code,
            patch: { ...v, code: undefined } as never,
            expectedUpdatedAt: unit.updatedAt,
          })
        : await api.call('unit.add', v);
      if (!r.ok) {
        if (r.error.code === 'STALE') setStale((r.error.details as { current: UnitRecord }).current);
        return setServerError(errorText(r.error, lang));
      }
      const calendarError = await calendar.save(r.value.code, lang);
      if (calendarError) return setServerError(calendarError);
      onDone(r.value);
    } finally {
      saving.current = false;
      setBusy(false);
    }
  }

  const field = (f: keyof UnitFields, opts: { disabled?: boolean } = {}) => {
    const p = problemOf(f);
    return (
      <label className="field" key={f}>
        <span>{t(f as never)}</span>
        <input
          data-testid={`unit-${f}`}
          value={(v[f] as string | undefined) ?? ''}
          disabled={opts.disabled}
          aria-invalid={p ? true : undefined}
          onChange={(e) => set(f, f === 'code' ? e.target.value.toUpperCase() : e.target.value)}
        />
        {p && (
          <small className="error" data-testid={`unit-${f}-error`}>
            {lang === 'en' ? p.messageEn : p.message}
          </small>
        )}
      </label>
    );
  };

  return (
    <form className="form-grid" data-testid="unit-form" onSubmit={submit} noValidate>
      {field('code', { disabled: Boolean(unit) })}
      {field('name')}
      {field('taxCode')}
      {field('agencyCode')}
      <label className="field">
        <span>{t('wageRegion')}</span>
        <select data-testid="unit-wageRegion" value={v.wageRegion} onChange={(e) => set('wageRegion', e.target.value)}>
          {Object.entries(WAGE_REGION_NAMES).map(([code, name]) => (
            <option key={code} value={code}>
              {code} — {name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('ivanProvider')}</span>
        <IvanProviderSelect
          testId="unit-ivanProvider"
          value={v.ivanProvider ?? ''}
          onChange={(code) => set('ivanProvider', code)}
          placeholder={t('choose')}
        />
      </label>
      <WorkCalendarField state={calendar} />
      {field('address')}
      {field('phone')}
      {field('email')}
      {field('signer')}
      {serverError && (
        <p className="error" role="alert" data-testid="unit-server-error">
          {serverError}
          {stale && onReload && (
            <button type="button" data-testid="unit-reload" onClick={() => onReload(stale)}>
              {t('reloadLatest')}
            </button>
          )}
        </p>
      )}
      <div className="actions">
        <button type="submit" data-testid="unit-save" disabled={busy} aria-busy={busy || undefined}>
          {t('save')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
