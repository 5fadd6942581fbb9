import { useEffect, useState } from 'react';
import type { UnitRecord } from '../../../shared/contract/roster';
import { useCurrentUnit } from '../../app/stores';
import { useMessages } from '../../i18n';
import { unitMessages } from './messages';
import { UnitForm } from './UnitForm';
import { UnitSwitcher } from './UnitSwitcher';
import { useUnits } from './units-store';
import '../employees/roster.css';

/** Units (đơn vị): the list, the switcher, and the add/edit form. */
export default function Page() {
  const { t } = useMessages(unitMessages);
  const { units, loaded, reload } = useUnits();
  const setUnit = useCurrentUnit((s) => s.setUnit);
  const [editing, setEditing] = useState<UnitRecord | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <section data-testid="section-units" className="roster">
      <div className="toolbar">
        <UnitSwitcher />
        <button type="button" data-testid="unit-add" onClick={() => setEditing('new')}>{t('add')}</button>
      </div>
      {notice && <p className="success" data-testid="unit-notice">{notice}</p>}
      {editing && (
        <UnitForm
          unit={editing === 'new' ? null : editing}
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
        <table className="grid" data-testid="unit-table">
          <thead>
            <tr>
              <th>{t('code')}</th>
              <th>{t('name')}</th>
              <th>{t('taxCode')}</th>
              <th>{t('agencyCode')}</th>
              <th>{t('wageRegion')}</th>
              <th>{t('ivanProvider')}</th>
              <th>{t('employees')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.code} data-testid={`unit-row-${u.code}`}>
                <td>{u.code}</td>
                <td>{u.name}</td>
                <td>{u.taxCode}</td>
                <td>{u.agencyCode}</td>
                <td>{u.wageRegion}</td>
                <td>{u.ivanProvider ?? ''}</td>
                <td className="num">{u.employeeCount.toLocaleString('vi-VN')}</td>
                <td>
                  <button type="button" onClick={() => setEditing(u)}>{t('edit')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
