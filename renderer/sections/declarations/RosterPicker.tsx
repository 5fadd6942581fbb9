import { useEffect, useState } from 'react';
import { PLANS } from '../../../shared/codes/plans';
import type { EmployeeRecord } from '../../../shared/contract/roster';
import { formatMoney } from '../../../shared/format';
import { draftRowFromEmployee } from '../../../shared/ledger/draft-row';
import { api } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ModalDialog } from '../../components/ModalDialog';
import { errorText, useMessages } from '../../i18n';
import { ledgerMessages } from './ledger-messages';

const PAGE = 200;

/**
 * The draft editor's roster picker: search (diacritics-insensitive, as the roster list), tick several people, choose
 * the plan and from-month, and every roster field is copied into the rows (allowances, contract, TK1-TS data) by the
 * same mapping the proposals use (shared/ledger/draft-row.ts).
 */
export function RosterPicker({
  unitCode,
  period,
  onAdd,
  onClose,
}: {
  unitCode: string;
  period: string;
  onAdd(rows: Record<string, unknown>[]): void;
  onClose(): void;
}) {
  const { t, lang } = useMessages(ledgerMessages);
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<EmployeeRecord[]>([]);
  const [total, setTotal] = useState(0);
  const [picked, setPicked] = useState<Map<number, EmployeeRecord>>(new Map());
  const [plan, setPlan] = useState('TM');
  const [fromMonth, setFromMonth] = useState(period);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    const h = setTimeout(() => {
      void api.call('employee.list', { unitCode, search: search || undefined, offset: 0, limit: PAGE }).then((r) => {
        if (stale) return;
        if (!r.ok) return setError(errorText(r.error, lang));
        setError(null);
        setItems(r.value.items);
        setTotal(r.value.total);
      });
    }, 150);
    return () => {
      stale = true;
      clearTimeout(h);
    };
  }, [unitCode, search, lang]);

  const toggle = (e: EmployeeRecord) =>
    setPicked((cur) => {
      const next = new Map(cur);
      if (next.has(e.id)) next.delete(e.id);
      else next.set(e.id, e);
      return next;
    });

  return (
    <ModalDialog
      className="confirm-dialog picker-dialog"
      heading={t('pickTitle')}
      data-testid="roster-picker"
      onClose={onClose}
    >
      <div className="toolbar">
        <input
          type="search"
          autoFocus
          aria-label={t('search')}
          placeholder={t('search')}
          data-testid="picker-search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label>
          {t('plan')}{' '}
          <select data-testid="picker-plan" value={plan} onChange={(e) => setPlan(e.target.value)}>
            {PLANS.map((p) => (
              <option key={p.code} value={p.code}>
                {p.code} – {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('fromMonth')}{' '}
          <input data-testid="picker-from" size={8} value={fromMonth} onChange={(e) => setFromMonth(e.target.value)} />
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div style={{ maxHeight: '50vh', overflow: 'auto' }}>
        <DataTable
          rows={items}
          rowKey={(e) => e.id}
          rowTestId={(e) => `picker-row-${e.id}`}
          onRowClick={toggle}
          columns={[
            {
              header: (
                <input
                  type="checkbox"
                  aria-label={t('selectAll')}
                  checked={items.length > 0 && items.every((e) => picked.has(e.id))}
                  onChange={(ev) =>
                    setPicked((cur) => {
                      const next = new Map(cur);
                      for (const e of items) {
                        if (ev.target.checked) next.set(e.id, e);
                        else next.delete(e.id);
                      }
                      return next;
                    })
                  }
                />
              ),
              cell: (e) => (
                <input
                  type="checkbox"
                  aria-label={e.fullName}
                  checked={picked.has(e.id)}
                  onChange={() => toggle(e)}
                  onClick={(ev) => ev.stopPropagation()}
                />
              ),
            },
            { header: t('fullName'), cell: (e) => e.fullName },
            { header: 'BHXH', cell: (e) => e.insuranceNumber },
            { header: 'CCCD', cell: (e) => e.cccd || e.cmnd },
            { header: t('salary'), className: 'money', cell: (e) => (e.salary === null ? '' : formatMoney(e.salary)) },
          ]}
        />
        {!items.length && <p>{t('none')}</p>}
        {total > items.length && <p>{t('more', { shown: items.length, total })}</p>}
      </div>
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          data-testid="picker-add"
          disabled={!picked.size}
          onClick={() => onAdd([...picked.values()].map((e) => draftRowFromEmployee(e, plan, fromMonth)))}
        >
          {t('addPicked', { n: picked.size })}
        </button>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </ModalDialog>
  );
}
