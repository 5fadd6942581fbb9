import { useEffect, useRef, useState } from 'react';
import type { ProposalRow } from '../../../shared/contract/ledger';
import { formatMoney } from '../../../shared/format';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { ledgerMessages } from './ledger-messages';

/**
 * "Thêm từ biến động": the period's proposals (dossier.propose) with the reason for each — which event, which date,
 * how the 14-working-day rule placed it — and a tick per row to take or leave it. Rows already in this draft or in a
 * filed dossier are not offered.
 */
export function ProposalsDialog({
  unitCode,
  period,
  dossierId,
  onAdd,
  onClose,
}: {
  unitCode: string;
  period: string;
  dossierId: string;
  onAdd(rows: Record<string, unknown>[]): void;
  onClose(): void;
}) {
  const { t, lang } = useMessages(ledgerMessages);
  const ref = useRef<HTMLDialogElement>(null);
  const [rows, setRows] = useState<ProposalRow[] | null>(null);
  const [skipped, setSkipped] = useState<{ fullName: string; reason: string; reasonEn: string }[]>([]);
  const [take, setTake] = useState<boolean[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    void api.call('dossier.propose', { unitCode, period, dossierId }).then((r) => {
      if (!r.ok) return setError(errorText(r.error, lang));
      setRows(r.value.rows);
      setSkipped(r.value.skipped);
      setTake(r.value.rows.map(() => true));
    });
  }, [unitCode, period, dossierId, lang]);

  const n = take.filter(Boolean).length;
  return (
    <dialog
      ref={ref}
      className="confirm-dialog picker-dialog"
      aria-label={t('proposals')}
      data-testid="proposals-dialog"
      onCancel={(e) => (e.preventDefault(), onClose())}
    >
      <h3>{t('proposals')}</h3>
      <p>{t('proposalsHint')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {rows && !rows.length && <p data-testid="proposals-none">{t('proposalsNone')}</p>}
      {rows && rows.length > 0 && (
        <div style={{ maxHeight: '55vh', overflow: 'auto' }}>
          <table className="grid" data-testid="proposals-table">
            <thead>
              <tr>
                <th>{t('take')}</th>
                <th>{t('plan')}</th>
                <th>{t('loai')}</th>
                <th>{t('fullName')}</th>
                <th>{t('months')}</th>
                <th>{t('salary')}</th>
                <th>{t('previousSalary')}</th>
                <th>{t('reason')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={`${r.employeeId}-${r.plan}-${r.fromMonth}`} data-testid={`proposal-${i}`}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('take')} ${r.plan} ${r.fullName}`}
                      checked={take[i] ?? false}
                      onChange={(e) => setTake((cur) => cur.map((v, k) => (k === i ? e.target.checked : v)))}
                    />
                  </td>
                  <td>{r.plan}</td>
                  <td>{r.loai}</td>
                  <td>{r.fullName}</td>
                  <td>
                    {r.fromMonth}
                    {r.toMonth ? ` – ${r.toMonth}` : ''}
                    {r.late ? ` (${t('late')})` : ''}
                  </td>
                  <td className="money">{formatMoney(r.salary)}</td>
                  <td className="money">{r.previousSalary === null ? '' : formatMoney(r.previousSalary)}</td>
                  <td data-testid={`proposal-reason-${i}`}>{lang === 'en' ? r.reasonEn : r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {skipped.length > 0 && (
        <div className="warning">
          {t('skipped')}
          <ul>
            {skipped.map((s, i) => (
              <li key={i}>
                {s.fullName}: {lang === 'en' ? s.reasonEn : s.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          data-testid="proposals-take"
          disabled={!n}
          onClick={() => onAdd((rows ?? []).filter((_, i) => take[i]).map((r) => r.row))}
        >
          {t('takeSelected', { n })}
        </button>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </dialog>
  );
}
