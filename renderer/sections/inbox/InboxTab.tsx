import { useCallback, useEffect, useRef, useState } from 'react';
import { stateLabel } from '../../../shared/ivan/state-labels';
import type { InboxItem } from '../../../shared/contract/ivan';
import { api } from '../../api/client';
import { errorText, useMessages, type Lang } from '../../i18n';
import { formatMoney } from '../../../shared/format';
import { inboxMessages } from './messages';
import { dossierTitle } from '../../../shared/ivan/dossier-title';
import { when } from './format';
import { DataTable } from '../../components/DataTable';

type Statement = {
  period: string;
  lines: { code: string; label: string; bhxh: number; bhyt: number; bhtn: number; bhtnld: number; cong: number }[];
};

/** "Thông báo": what the I-VAN said about each dossier, newest first; new results also raise a desktop notification. */
/** A result notification says what the dossier's state became; C12-TS is a statement, not a state. */
function kindLabel(kind: InboxItem['kind'], lang: Lang, t: (key: 'kind_c12ts') => string): string {
  return kind === 'c12ts' ? t('kind_c12ts') : stateLabel(kind, lang);
}

export function InboxTab() {
  const { t, lang } = useMessages(inboxMessages);
  const [items, setItems] = useState<InboxItem[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seen = useRef<Set<number> | null>(null);

  const load = useCallback(async () => {
    const r = await api.call('ivan.inbox', {});
    if (!r.ok) return setError(errorText(r.error, lang));
    setError(null);
    const fresh = r.value.filter((n) => !n.read && n.kind !== 'received' && seen.current && !seen.current.has(n.id));
    for (const n of fresh)
      api.notify(
        t('newResult', {
          file: n.fileName ?? n.dossierId ?? '',
          kind: kindLabel(n.kind, lang, t),
          no: n.receiptNo ?? '',
        }),
      );
    seen.current = new Set(r.value.map((n) => n.id));
    setItems(r.value);
  }, [lang, t]);

  const refresh = useCallback(async () => {
    setBusy(true);
    const p = await api.call('ivan.poll', {});
    setBusy(false);
    if (!p.ok) setError(errorText(p.error, lang));
    else {
      const failed = p.value.find((x) => x.error);
      setError(failed?.error ? `${failed.endpoint}: ${failed.error.message}` : null);
    }
    await load();
  }, [lang, load]);

  useEffect(() => {
    void load();
    // Results come "a moment later": poll while the page is open.
    const id = setInterval(() => void refresh(), 30_000);
    return () => clearInterval(id);
  }, [load, refresh]);

  const markAll = async () => {
    await api.call('ivan.markRead', { ids: items.filter((n) => !n.read).map((n) => n.id) });
    await load();
  };

  return (
    <div data-testid="ivan-inbox">
      <div className="toolbar">
        <button type="button" onClick={() => void refresh()} disabled={busy} data-testid="ivan-refresh">
          {busy ? t('refreshing') : t('refresh')}
        </button>
        <button type="button" onClick={() => void markAll()}>
          {t('markAllRead')}
        </button>
        {api.face === 'browser' && 'Notification' in window && Notification.permission === 'default' && (
          <button type="button" onClick={() => void Notification.requestPermission()}>
            {t('enableDesktop')}
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <p>{t('noNotifications')}</p>
      ) : (
        <ul className="ivan-notes">
          {items.map((n) => (
            <li key={n.id} className={`note note-${n.kind}${n.read ? '' : ' unread'}`} data-testid={`note-${n.kind}`}>
              <strong>{kindLabel(n.kind, lang, t)}</strong> —{' '}
              <span data-testid="note-title">{dossierTitle(n, lang) || n.fileName || n.transactionId}</span> ·{' '}
              {when(n.at)}
              {n.receiptNo && (
                <span>
                  {' '}
                  · {t('receiptNo')}: <b data-testid="note-receipt-no">{n.receiptNo}</b>
                </span>
              )}
              {n.paperCopyRequired && <div className="warning">{t('paperCopy')}</div>}
              {n.reasons.length > 0 && (
                <div>
                  {t('reasons')}:
                  <ul className="error">
                    {n.reasons.map((x, i) => (
                      <li key={i}>{x.message}</li>
                    ))}
                  </ul>
                </div>
              )}
              {n.kind === 'c12ts' && n.statement !== null && <StatementTable s={n.statement as Statement} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function StatementTable({ s }: { s: Statement }) {
  const { t, lang } = useMessages(inboxMessages);
  const money = (code: string, v: number) => (code.startsWith('B.1') ? v.toLocaleString('vi-VN') : formatMoney(v));
  // Vietnamese: the label as BHXH wrote it; English: the catalog's translation of a known line code.
  const label = (l: { code: string; label: string }) => {
    const key = `c12.${l.code}` as keyof typeof inboxMessages.en;
    return lang === 'en' && key in inboxMessages.en ? t(key) : l.label;
  };
  return (
    <DataTable
      ariaLabel={t('statement')}
      rows={s.lines}
      rowKey={(l) => l.code}
      columns={[
        { header: null, rowHeader: true, cell: (l) => `${l.code} ${label(l)}` },
        { header: t('col_bhxh'), className: 'num', cell: (l) => money(l.code, l.bhxh) },
        { header: t('col_bhyt'), className: 'num', cell: (l) => money(l.code, l.bhyt) },
        { header: t('col_bhtn'), className: 'num', cell: (l) => money(l.code, l.bhtn) },
        { header: t('col_bhtnld'), className: 'num', cell: (l) => money(l.code, l.bhtnld) },
        { header: t('col_cong'), className: 'num', cell: (l) => money(l.code, l.cong) },
      ]}
    />
  );
}
