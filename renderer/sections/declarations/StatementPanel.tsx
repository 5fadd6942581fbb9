import { useState } from 'react';
import type { Output } from '../../../shared/contract';
import { formatMoney } from '../../../shared/format';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { statementMessages as messages } from './statement-messages';
import { DataTable } from '../../components/DataTable';

/** People listed at a time: the statement of a 10,000-person unit is one line each. */
const LIST_PAGE = 200;

/** The unit's monthly statement (ledger.statement): everyone participating in the month, by the one engine. */
export function StatementPanel({ unitCode, period }: { unitCode: string; period: string }) {
  const { t, lang } = useMessages(messages);
  const [s, setS] = useState<Output<'ledger.statement'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ready = /^[A-Z0-9]{7}$/.test(unitCode) && /^(0[1-9]|1[0-2])\/\d{4}$/.test(period);
  async function show() {
    const r = await api.call('ledger.statement', { unitCode, period });
    if (!r.ok) return setError(errorText(r.error, lang));
    setError(null);
    setS(r.value);
  }
  return (
    <div className="panel" data-testid="statement-panel">
      <button type="button" data-testid="statement-show" disabled={!ready} onClick={() => void show()}>
        {t('show')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {s && (
        <>
          <p>
            <b>{t('title', { period: s.period })}</b>
          </p>
          <table className="grid">
            <tbody>
              <tr>
                <th>{t('people')}</th>
                <td className="num" data-testid="statement-employees">
                  {s.employees}
                </td>
              </tr>
              <tr>
                <th>{t('employer')}</th>
                <td className="num">{formatMoney(s.employer)}</td>
              </tr>
              <tr>
                <th>{t('employee')}</th>
                <td className="num">{formatMoney(s.employee)}</td>
              </tr>
              <tr>
                <th>{t('total')}</th>
                <td className="num" data-testid="statement-total">
                  <b>{formatMoney(s.total)}</b>
                </td>
              </tr>
            </tbody>
          </table>
          <DataTable
            testId="statement-rows"
            rows={s.rows}
            pageSize={LIST_PAGE}
            rowKey={(_r, i) => i}
            columns={[
              { header: t('name'), cell: (r) => r.fullName },
              { header: t('insuranceNo'), cell: (r) => r.insuranceNo },
              { header: t('salary'), className: 'num', cell: (r) => formatMoney(r.salary) },
              { header: t('employer'), className: 'num', cell: (r) => formatMoney(r.employer) },
              { header: t('employee'), className: 'num', cell: (r) => formatMoney(r.employee) },
              { header: t('total'), className: 'num', cell: (r) => formatMoney(r.total) },
            ]}
          />
        </>
      )}
    </div>
  );
}
