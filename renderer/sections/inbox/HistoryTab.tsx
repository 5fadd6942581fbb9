import { useCallback, useEffect, useState } from 'react';
import { stateLabel } from '../../../shared/ivan/state-labels';
import type { HistoryItem } from '../../../shared/contract/ivan';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { inboxMessages } from './messages';
import { when } from './format';
import { saveBlob } from '../../api/files';
import { DataTable } from '../../components/DataTable';
import { Receipt } from './Receipt';
import { procedureName } from '../../../shared/ivan/dossier-title';

/** "Tra cứu lịch sử giao dịch": every dossier ever queued, kept for good, searchable; one zip per period. */
export function HistoryTab() {
  const { t, lang } = useMessages(inboxMessages);
  const [query, setQuery] = useState('');
  const [period, setPeriod] = useState('');
  const [items, setItems] = useState<HistoryItem[]>([]);
  const [open, setOpen] = useState<HistoryItem | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const periodOk = /^\d{2}\/\d{4}$/.test(period);

  const search = useCallback(async () => {
    const r = await api.call('ivan.history', { query: query || undefined, period: periodOk ? period : undefined });
    if (r.ok) setItems(r.value);
    else setMsg({ ok: false, text: errorText(r.error, lang) });
  }, [query, period, periodOk, lang]);

  useEffect(() => {
    const id = setTimeout(() => void search(), 200);
    return () => clearTimeout(id);
  }, [search]);

  const exportZip = async () => {
    const r = await api.call('ivan.exportPeriod', { period });
    if (!r.ok) return setMsg({ ok: false, text: errorText(r.error, lang) });
    saveBlob(r.value.file, 'application/zip');
    setMsg({ ok: true, text: t('exported', { n: r.value.count }) });
  };

  const download = async (id: number) => {
    const r = await api.call('ivan.signedFile', { id });
    if (r.ok) saveBlob(r.value, 'application/xml');
  };

  return (
    <div data-testid="ivan-history">
      <div className="toolbar">
        <input
          type="search"
          aria-label={t('search')}
          placeholder={t('search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="history-search"
        />
        <input
          aria-label={t('period')}
          placeholder={t('period')}
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
          size={8}
          data-testid="history-period"
        />
        <button type="button" disabled={!periodOk} onClick={() => void exportZip()} data-testid="history-export">
          {t('exportZip')}
        </button>
      </div>
      {msg && <p className={msg.ok ? 'success' : 'error'}>{msg.text}</p>}
      <DataTable
        rows={items}
        rowKey={(h) => h.id}
        empty={t('noHistory')}
        testId="history-table"
        rowTestId="history-row"
        columns={[
          {
            header: t('unit'),
            testId: 'history-unit',
            cell: (h) => (
              <>
                {h.unitCode ?? '—'}
                {h.unitName && (
                  <>
                    <br />
                    <small>{h.unitName}</small>
                  </>
                )}
              </>
            ),
          },
          { header: t('procedure'), cell: (h) => procedureName(h.procedure, lang) ?? h.fileName },
          { header: t('period'), cell: (h) => h.period ?? '—' },
          { header: t('batch'), className: 'num', cell: (h) => h.batch ?? '—' },
          {
            header: t('state'),
            cell: (h) => (
              <>
                {stateLabel(h.state, lang)}
                {h.reasons.length > 0 && (
                  <ul className="error">
                    {h.reasons.map((x, i) => (
                      <li key={i}>{x.message}</li>
                    ))}
                  </ul>
                )}
              </>
            ),
          },
          { header: t('transaction'), cell: (h) => <small>{h.transactionId ?? '—'}</small> },
          { header: t('receiptNo'), testId: 'history-receipt-no', cell: (h) => h.receiptNo ?? '—' },
          {
            header: t('steps'),
            testId: 'history-steps',
            cell: (h) => (
              <small>{h.transitions.map((s) => `${stateLabel(s.to, lang)} ${when(s.at)}`).join(' → ')}</small>
            ),
          },
          {
            header: '',
            cell: (h) => (
              <>
                <button type="button" data-testid="history-receipt" onClick={() => setOpen(h)}>
                  {t('print')}
                </button>
                <button type="button" onClick={() => void download(h.id)}>
                  {t('download')}
                </button>
              </>
            ),
          },
        ]}
      />
      {open && <Receipt item={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
