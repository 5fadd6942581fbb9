import { useEffect, useState } from 'react';
import type { ProposalRow } from '../../../shared/contract/ledger';
import { formatMoney } from '../../../shared/format';
import { api } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ModalDialog } from '../../components/ModalDialog';
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
  const [rows, setRows] = useState<ProposalRow[] | null>(null);
  const [skipped, setSkipped] = useState<{ fullName: string; reason: string; reasonEn: string }[]>([]);
  const [take, setTake] = useState<boolean[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.call('dossier.propose', { unitCode, period, dossierId }).then((r) => {
      if (!r.ok) return setError(errorText(r.error, lang));
      setRows(r.value.rows);
      setSkipped(r.value.skipped);
      setTake(r.value.rows.map(() => true));
    });
  }, [unitCode, period, dossierId, lang]);

  const n = take.filter(Boolean).length;
  return (
    <ModalDialog
      className="confirm-dialog picker-dialog"
      heading={t('proposals')}
      data-testid="proposals-dialog"
      onClose={onClose}
    >
      <p>{t('proposalsHint')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {rows && !rows.length && <p data-testid="proposals-none">{t('proposalsNone')}</p>}
      {rows && rows.length > 0 && (
        <div style={{ maxHeight: '55vh', overflow: 'auto' }}>
          <DataTable
            testId="proposals-table"
            rows={rows.map((r, i) => ({ ...r, i }))}
            pageSize={200}
            rowKey={(r) => `${r.employeeId}-${r.plan}-${r.fromMonth}`}
            rowTestId={(r) => `proposal-${r.i}`}
            columns={[
              {
                header: t('take'),
                cell: (r) => (
                  <input
                    type="checkbox"
                    aria-label={`${t('take')} ${r.plan} ${r.fullName}`}
                    checked={take[r.i] ?? false}
                    onChange={(e) => setTake((cur) => cur.map((v, k) => (k === r.i ? e.target.checked : v)))}
                  />
                ),
              },
              { header: t('plan'), cell: (r) => r.plan },
              { header: t('loai'), cell: (r) => r.loai },
              { header: t('fullName'), cell: (r) => r.fullName },
              {
                header: t('months'),
                cell: (r) => (
                  <>
                    {r.fromMonth}
                    {r.toMonth ? ` – ${r.toMonth}` : ''}
                    {r.late ? ` (${t('late')})` : ''}
                  </>
                ),
              },
              { header: t('salary'), className: 'money', cell: (r) => formatMoney(r.salary) },
              {
                header: t('previousSalary'),
                className: 'money',
                cell: (r) => (r.previousSalary === null ? '' : formatMoney(r.previousSalary)),
              },
              {
                header: t('reason'),
                testId: (r) => `proposal-reason-${r.i}`,
                cell: (r) => (lang === 'en' ? r.reasonEn : r.reason),
              },
            ]}
          />
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
    </ModalDialog>
  );
}
