import { useEffect, useState } from 'react';
import { stateLabel } from '../../../shared/ivan/state-labels';
import type { UnitRecord } from '../../../shared/contract/roster';
import type { Output } from '../../../shared/contract';
import { api } from '../../api/client';
import { useCurrentUnit, useNav } from '../../app/stores';
import { useMessages } from '../../i18n';
import { unitMessages } from './messages';
import { UnitForm } from './UnitForm';
import { UnitSwitcher } from './UnitSwitcher';
import { useUnits } from './units-store';
import '../employees/roster.css';
import { DataTable } from '../../components/DataTable';

/** Vùng lương tối thiểu as the decree names them (Nghị định 74/2024/NĐ-CP: vùng I–IV). */
const ROMAN: Record<string, string> = { '01': 'I', '02': 'II', '03': 'III', '04': 'IV' };

/** Units (đơn vị): the list, the switcher, and the add/edit form. */
export default function Page() {
  const { t, lang } = useMessages(unitMessages);
  const { units, loaded, reload } = useUnits();
  const setUnit = useCurrentUnit((s) => s.setUnit);
  const [editing, setEditing] = useState<UnitRecord | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const go = useNav((s) => s.go);
  const [providers, setProviders] = useState<Record<string, string>>({});
  const [accounts, setAccounts] = useState<Set<string>>(new Set());
  const [regs, setRegs] = useState<Output<'ivan.registrations'>>([]);
  useEffect(() => {
    void reload();
    void api
      .call('ivan.providers', {})
      .then(
        (r) => r.ok && setProviders(Object.fromEntries(r.value.providers.map((p) => [p.code, p.shortName || p.name]))),
      );
    void api
      .call('ivan.settingsGet', {})
      .then((r) => r.ok && setAccounts(new Set(r.value.settings.filter((x) => x.endpoint).map((x) => x.unitCode))));
    void api.call('ivan.registrations', {}).then((r) => r.ok && setRegs(r.value));
  }, [reload]);

  /** What is still missing before the unit can file electronically (a reminder until both are done). */
  const setupOf = (code: string): string[] => {
    const missing: string[] = [];
    if (!accounts.has(code)) missing.push(t('remindNoAccount'));
    const reg = regs.find((r) => r.unitCode === code && r.form === '04');
    if (!reg) missing.push(t('remindNoRegistration'));
    else if (!['received', 'accepted'].includes(reg.status))
      missing.push(t('remindRegistrationPending', { state: stateLabel(reg.status, lang) }));
    return missing;
  };

  return (
    <section data-testid="section-units" className="roster">
      <div className="toolbar">
        <UnitSwitcher />
        <button type="button" data-testid="unit-add" onClick={() => setEditing('new')}>
          {t('add')}
        </button>
      </div>
      {notice && (
        <p className="success" data-testid="unit-notice">
          {notice}
        </p>
      )}
      {editing && (
        <UnitForm
          // A reloaded unit (changed elsewhere) is a new form with its own values and version.
          key={editing === 'new' ? 'new' : `${editing.code}@${editing.updatedAt}`}
          unit={editing === 'new' ? null : editing}
          onReload={(current) => {
            setEditing(current);
            void reload();
          }}
          onDone={(saved) => {
            setEditing(null);
            if (saved) {
              setNotice(t('saved', { code: saved.code }));
              // Switch only once the list holds the new unit (the switcher falls back to the first unit otherwise).
              void reload().then(() => setUnit(saved.code));
            }
          }}
        />
      )}
      {loaded && !units.length && !editing && <p>{t('noneYet')}</p>}
      {units.length > 0 && (
        <DataTable
          rows={units}
          rowKey={(u) => u.code}
          testId="unit-table"
          rowTestId={(u) => `unit-row-${u.code}`}
          columns={[
            { header: t('code'), cell: (u) => u.code },
            { header: t('name'), cell: (u) => u.name },
            { header: t('taxCode'), cell: (u) => u.taxCode },
            { header: t('agencyCode'), cell: (u) => u.agencyCode },
            { header: t('wageRegion'), cell: (u) => t('region', { n: ROMAN[u.wageRegion] ?? u.wageRegion }) },
            {
              header: t('ivanProvider'),
              cell: (u) => (u.ivanProvider ? (providers[u.ivanProvider] ?? u.ivanProvider) : ''),
            },
            { header: t('employees'), className: 'num', cell: (u) => u.employeeCount.toLocaleString('vi-VN') },
            {
              header: t('setup'),
              testId: (u) => `unit-setup-${u.code}`,
              cell: (u) =>
                setupOf(u.code).length === 0 ? (
                  <span className="success">{t('ready')}</span>
                ) : (
                  <span className="warning">
                    {setupOf(u.code).join('; ')}{' '}
                    <button
                      type="button"
                      data-testid={`unit-setup-go-${u.code}`}
                      onClick={() => (setUnit(u.code), go('settings', 'ivan'))}
                    >
                      {t('remindGo')}
                    </button>
                  </span>
                ),
            },
            {
              header: '',
              cell: (u) => (
                <button type="button" onClick={() => setEditing(u)}>
                  {t('edit')}
                </button>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
