import { useEffect, useRef, useState } from 'react';
import type { EmployeeRecord, EmployeeStatus } from '../../../shared/contract/roster';
import { EMPLOYEE_STATUSES } from '../../../shared/contract/roster';
import { EMPLOYEE_STATUS_LABELS } from '../../../shared/identity/employee-labels';
import { api } from '../../api/client';
import { saveBlob } from '../../api/files';
import { useCurrentUnit } from '../../app/stores';
import { errorText, useMessages } from '../../i18n';
import { UnitSwitcher } from '../units/UnitSwitcher';
import { EmployeeForm } from './EmployeeForm';
import { EmployeeTable } from './EmployeeTable';
import { ImportWizard } from './ImportWizard';
import { employeeMessages } from './messages';
import { useEmployeePages } from './use-employee-pages';
import './roster.css';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/** The roster of the current unit: search, filters, the virtual table, the form and the import wizard. */
export default function Page() {
  const { t, lang } = useMessages(employeeMessages);
  const unitCode = useCurrentUnit((s) => s.unitCode);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<EmployeeStatus | ''>('');
  const [gender, setGender] = useState<'M' | 'F' | ''>('');
  const [department, setDepartment] = useState('');
  const [editing, setEditing] = useState<EmployeeRecord | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  const q = useDebounced(search, 200);
  const dep = useDebounced(department, 300);
  const pages = useEmployeePages(
    unitCode
      ? { unitCode, search: q, status: status || undefined, gender: gender || undefined, department: dep }
      : null,
  );

  // Another tab or `kekhai` may have changed the roster while this tab was in the background: coming back to it
  // shows the stored list again (a visit to the page always does).
  const refresh = useRef(pages.refresh);
  refresh.current = pages.refresh;
  useEffect(() => {
    const back = () => document.visibilityState === 'visible' && refresh.current();
    window.addEventListener('focus', back);
    document.addEventListener('visibilitychange', back);
    return () => {
      window.removeEventListener('focus', back);
      document.removeEventListener('visibilitychange', back);
    };
  }, []);

  useEffect(() => {
    // The service's clock (it may be set with --now in training/test mode) bounds birth dates in the form.
    void api.call('system.info', {}).then((r) => r.ok && setNow(new Date(r.value.now)));
  }, []);

  async function exportXlsx() {
    if (!unitCode) return;
    const r = await api.call('roster.export', { unitCode });
    if (!r.ok) return setNotice(errorText(r.error, lang));
    saveBlob(r.value.file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  }

  return (
    <section data-testid="section-employees" className="roster">
      <div className="toolbar">
        <UnitSwitcher />
        {unitCode && (
          <>
            <button type="button" data-testid="employee-add" onClick={() => setEditing('new')}>
              {t('add')}
            </button>
            <button type="button" data-testid="employee-import" onClick={() => setImporting(true)}>
              {t('import')}
            </button>
            <button type="button" data-testid="employee-export" onClick={() => void exportXlsx()}>
              {t('export')}
            </button>
          </>
        )}
      </div>
      {!unitCode && <p>{t('noUnit')}</p>}
      {notice && (
        <p className="success" data-testid="employee-notice">
          {notice}
        </p>
      )}
      {unitCode && importing && (
        <ImportWizard
          unitCode={unitCode}
          onDone={(changed) => {
            setImporting(false);
            if (changed) pages.refresh();
          }}
          // The list behind the result shows the written rows at once, not only after "Đóng".
          onWritten={() => pages.refresh()}
        />
      )}
      {unitCode && editing && (
        <EmployeeForm
          // A reloaded record (changed elsewhere) is a new form: its own values, version and history.
          key={editing === 'new' ? 'new' : `${editing.id}@${editing.updatedAt}`}
          unitCode={unitCode}
          employee={editing === 'new' ? null : editing}
          now={now}
          onDone={(saved) => {
            setEditing(null);
            if (saved) {
              setNotice(t('saved', { name: saved.fullName }));
              pages.refresh();
            }
          }}
          onReload={(current) => {
            setEditing(current);
            pages.refresh();
          }}
        />
      )}
      {unitCode && (
        <>
          <div className="toolbar">
            <input
              type="search"
              data-testid="employee-search"
              aria-label={t('search')}
              placeholder={t('search')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <select
              data-testid="filter-status"
              aria-label={t('colStatus')}
              value={status}
              onChange={(e) => setStatus(e.target.value as EmployeeStatus | '')}
            >
              <option value="">{t('allStatuses')}</option>
              {EMPLOYEE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {EMPLOYEE_STATUS_LABELS[s][lang]}
                </option>
              ))}
            </select>
            <select
              data-testid="filter-gender"
              aria-label={t('colGender')}
              value={gender}
              onChange={(e) => setGender(e.target.value as 'M' | 'F' | '')}
            >
              <option value="">{t('allGenders')}</option>
              <option value="M">{t('male')}</option>
              <option value="F">{t('female')}</option>
            </select>
            <input
              data-testid="filter-department"
              aria-label={t('department')}
              placeholder={t('department')}
              value={department}
              onChange={(e) => setDepartment(e.target.value)}
            />
            <span data-testid="employee-count">
              {pages.loaded ? t('count', { n: pages.total.toLocaleString('vi-VN') }) : t('loadingRow')}
            </span>
          </div>
          <EmployeeTable
            total={pages.total}
            row={pages.row}
            load={pages.load}
            version={pages.version}
            onOpen={(e) => setEditing(e)}
          />
        </>
      )}
    </section>
  );
}
