import { useEffect, useRef, useState } from 'react';
import type { EmployeeField, EmployeeFields, EmployeeRecord, HistoryEntry } from '../../../shared/contract/roster';
import { BLANK_EMPLOYEE, EMPLOYEE_STATUSES } from '../../../shared/contract/roster';
import type { CodeListName } from '../../../shared/codes/code-list';
import { checkEmployee } from '../../../shared/identity/employee-record';
import { parseBirthDate } from '../../../shared/identity/birth-date';
import { formatDateVN } from '../../../shared/format';
import { EMPLOYEE_FIELD_LABELS, EMPLOYEE_STATUS_LABELS } from '../../../shared/identity/employee-labels';
import { api } from '../../api/client';
import { ParticipationSinceField, useParticipationSince } from './ParticipationSince';
import { EventPanel } from './EventPanel';
import { CodePicker } from '../../components/CodePicker';
import { errorText, useMessages } from '../../i18n';
import { employeeMessages } from './messages';

/** A new employee: the contract schema's defaults, the three required fields blank, Kinh (01) preselected. */
export const EMPTY_EMPLOYEE: EmployeeFields = { ...BLANK_EMPLOYEE, ethnicity: '01' };

const IDENTITY: EmployeeField[] = [
  'fullName',
  'insuranceNumber',
  'birthDate',
  'cccd',
  'cmnd',
  'nationality',
  'birthProvince',
  'birthDistrict',
  'birthWard',
  'address',
  'phone',
  'email',
];
const WORK: EmployeeField[] = [
  'jobTitle',
  'workplace',
  'department',
  'contractType',
  'contractNumber',
  'contractSigned',
  'contractStart',
  'contractEnd',
  'wageRegion',
  'hospitalCode',
];
/** Fields picked from a dated code list (resources/codes) instead of typed from memory. */
const CODE_LISTS: Partial<Record<EmployeeField, CodeListName>> = {
  nationality: 'nationalities',
  ethnicity: 'ethnicities',
  birthProvince: 'provinces',
  birthWard: 'communes',
  hospitalCode: 'hospitals',
};
/** The birth place keeps the codes of its time: its pickers use the lists in force at the birth date (63 provinces before 07/2025). */
function birthDay(birthDate: string): string | undefined {
  const b = parseBirthDate(birthDate);
  if (!b) return undefined;
  const pad = (n: number | undefined) => String(n ?? 1).padStart(2, '0');
  return `${b.year}-${pad(b.month)}-${pad(b.day)}`;
}

const MONEY: EmployeeField[] = [
  'salary',
  'allowancePosition',
  'allowanceSeniorityExcess',
  'allowanceSeniorityJob',
  'allowanceSalary',
  'allowanceOther',
];

/**
 * Add or edit one employee. The shared `checkEmployee` runs on every keystroke, so the clerk sees "CCCD ghi năm
 * sinh 1995, không khớp năm sinh 1996" next to the field before saving; the service runs the same check again.
 */
export function EmployeeForm({
  unitCode,
  employee,
  now,
  onDone,
  onReload,
}: {
  unitCode: string;
  employee: EmployeeRecord | null;
  now: Date;
  onDone(saved: EmployeeRecord | null): void;
  /** The record was changed elsewhere since this form loaded it: open its stored version instead. */
  onReload(current: EmployeeRecord): void;
}) {
  const since = useParticipationSince(employee?.id);
  const { t, lang } = useMessages(employeeMessages);
  const [v, setV] = useState<EmployeeFields>(() => (employee ? { ...EMPTY_EMPLOYEE, ...employee } : EMPTY_EMPLOYEE));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [effectiveDate, setEffectiveDate] = useState('');
  const [serverError, setServerError] = useState<string | null>(null);
  const [stale, setStale] = useState<EmployeeRecord | null>(null);
  // The service found someone of the same name, birth date and gender (POSSIBLE_DUPLICATE): the clerk may confirm.
  const [samePerson, setSamePerson] = useState(false);
  // The stored version these values start from; an event recorded below moves it (the panel writes the record).
  const [baseVersion, setBaseVersion] = useState(employee?.updatedAt);
  // One save at a time: a double click or Enter pressed twice sends one request (the ref holds between renders),
  // and the service still recognises this form's resend of a new record by its requestId.
  const saving = useRef(false);
  const [busy, setBusy] = useState(false);
  const [requestId] = useState(() => globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  // Number fields keep the text as typed ("2,34", "5.310.000"); the parsed number goes into the record.
  const [numText, setNumText] = useState<Record<string, string>>({});
  const problems = checkEmployee(v, now).problems;
  useEffect(() => {
    if (employee) void api.call('employee.history', { id: employee.id }).then((r) => r.ok && setHistory(r.value.items));
  }, [employee]);

  const label = (f: EmployeeField) => EMPLOYEE_FIELD_LABELS[f][lang];
  const problem = (f: EmployeeField) => (touched.has(f) ? problems.find((p) => p.field === f) : undefined);
  const set = (f: EmployeeField, value: unknown) => {
    setV((old) => ({ ...old, [f]: value }));
    setTouched((old) => new Set(old).add(f));
  };

  const input = (f: EmployeeField) => {
    const p = problem(f);
    const list = CODE_LISTS[f];
    if (list) {
      return (
        <label className="field" key={f}>
          <span>{label(f)}</span>
          <CodePicker
            list={list}
            value={String(v[f] ?? '')}
            onChange={(code) => set(f, code)}
            province={f === 'birthWard' ? v.birthProvince || undefined : undefined}
            asOf={f === 'birthProvince' || f === 'birthWard' ? birthDay(v.birthDate) : undefined}
            testId={`emp-${f}`}
            label={label(f)}
            invalid={!!p}
            describedBy={p ? `emp-${f}-error` : undefined}
          />
          {p && (
            <small id={`emp-${f}-error`} className="error" data-testid={`emp-${f}-error`}>
              {lang === 'en' ? p.messageEn : p.message}
            </small>
          )}
        </label>
      );
    }
    const isNumber = MONEY.includes(f);
    const raw = v[f];
    return (
      <label className="field" key={f}>
        <span>{label(f)}</span>
        <input
          data-testid={`emp-${f}`}
          inputMode={isNumber ? 'decimal' : undefined}
          value={isNumber ? (numText[f] ?? (raw === null ? '' : String(raw))) : String(raw ?? '')}
          aria-invalid={p ? true : undefined}
          aria-describedby={p ? `emp-${f}-error` : undefined}
          onChange={(e) => {
            if (!isNumber) return set(f, e.target.value);
            setNumText((old) => ({ ...old, [f]: e.target.value }));
            const s = e.target.value
              .replace(/\s/g, '')
              .replace(/\.(?=\d{3}(\D|$))/g, '')
              .replace(',', '.');
            return set(f, s === '' ? (f === 'salary' ? null : 0) : Number(s));
          }}
        />
        {p && (
          <small id={`emp-${f}-error`} className="error" data-testid={`emp-${f}-error`}>
            {lang === 'en' ? p.messageEn : p.message}
          </small>
        )}
      </label>
    );
  };

  async function submit(e: React.FormEvent, confirmSamePerson = false) {
    e.preventDefault();
    setTouched(new Set(Object.keys(v)));
    if (problems.length) return;
    if (!since.valid) return;
    if (saving.current) return;
    saving.current = true;
    setBusy(true);
    try {
      const r = await api.call('employee.save', {
        unitCode,
        id: employee?.id,
        employee: v,
        effectiveDate: effectiveDate || undefined,
        expectedUpdatedAt: baseVersion,
        requestId: employee ? undefined : requestId,
        confirmSamePerson: confirmSamePerson || undefined,
      });
      setSamePerson(!r.ok && r.error.code === 'POSSIBLE_DUPLICATE');
      if (!r.ok) {
        if (r.error.code === 'STALE') setStale((r.error.details as { current: EmployeeRecord }).current);
        return setServerError(errorText(r.error, lang));
      }
      const sinceError = await since.save(unitCode, r.value.id, lang);
      if (sinceError) return setServerError(sinceError);
      onDone(r.value);
    } finally {
      saving.current = false;
      setBusy(false);
    }
  }

  return (
    <form className="form-grid" data-testid="employee-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('groupIdentity')}</legend>
        {IDENTITY.slice(0, 3).map(input)}
        <label className="field">
          <span>{label('gender')}</span>
          <select data-testid="emp-gender" value={v.gender} onChange={(e) => set('gender', e.target.value)}>
            <option value="M">{t('male')}</option>
            <option value="F">{t('female')}</option>
          </select>
        </label>
        {IDENTITY.slice(3, 6).map(input)}
        {input('ethnicity')}
        {IDENTITY.slice(6).map(input)}
      </fieldset>
      <fieldset>
        <legend>{t('groupWork')}</legend>
        {WORK.map(input)}
        <label className="field">
          <span>{label('status')}</span>
          <select data-testid="emp-status" value={v.status} onChange={(e) => set('status', e.target.value)}>
            {EMPLOYEE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {EMPLOYEE_STATUS_LABELS[s][lang]}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('groupSalary')}</legend>
        <label className="field">
          <span>{label('salaryKind')}</span>
          <select data-testid="emp-salaryKind" value={v.salaryKind} onChange={(e) => set('salaryKind', e.target.value)}>
            <option value="amount">{t('amount')}</option>
            <option value="coefficient">{t('coefficient')}</option>
          </select>
        </label>
        {MONEY.map(input)}
        <ParticipationSinceField state={since} />
      </fieldset>
      {employee && (
        <label className="field">
          <span>{t('effectiveDate')}</span>
          <input
            data-testid="emp-effectiveDate"
            value={effectiveDate}
            onChange={(e) => setEffectiveDate(e.target.value)}
          />
        </label>
      )}
      {employee && (
        <EventPanel
          unitCode={unitCode}
          employeeId={employee.id}
          onRecorded={(e) => {
            setV((cur) => ({ ...cur, status: e.status, salary: e.salary, contractStart: e.contractStart }));
            setBaseVersion(e.updatedAt);
          }}
        />
      )}
      {serverError && (
        <p className="error" role="alert" data-testid="employee-server-error">
          {serverError}
          {stale && (
            <button type="button" data-testid="employee-reload" onClick={() => onReload(stale)}>
              {t('reloadLatest')}
            </button>
          )}
          {samePerson && (
            <button
              type="button"
              data-testid="employee-add-anyway"
              disabled={busy}
              onClick={(e) => void submit(e, true)}
            >
              {t('addAnyway')}
            </button>
          )}
        </p>
      )}
      <div className="actions">
        <button type="submit" data-testid="employee-save" disabled={busy} aria-busy={busy || undefined}>
          {t('save')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('cancel')}
        </button>
      </div>
      {history.length > 0 && (
        <div className="actions" style={{ flexDirection: 'column' }}>
          <strong>{t('history')}</strong>
          <table className="grid" data-testid="employee-history">
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  {/* The day in Vietnam: changedAt is a UTC instant (a change at 06:00 on 01/11 is 23:00 UTC on 31/10). */}
                  <td>{formatDateVN(new Date(h.changedAt))}</td>
                  <td>{h.effectiveDate ?? ''}</td>
                  <td>
                    {h.field === '*'
                      ? t('created')
                      : (EMPLOYEE_FIELD_LABELS[h.field as EmployeeField]?.[lang] ?? h.field)}
                  </td>
                  <td>{h.oldValue ?? ''}</td>
                  <td>{h.newValue === 'created' && h.field === '*' ? '' : (h.newValue ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </form>
  );
}
