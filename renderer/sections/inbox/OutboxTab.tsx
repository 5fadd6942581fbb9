import { useCallback, useEffect, useState } from 'react';
import { stateLabel } from '../../../shared/ivan/state-labels';
import type { OutboxEntryDto } from '../../../shared/contract/ivan';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { inboxMessages } from './messages';
import { when } from './format';
import { DataTable } from '../../components/DataTable';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { dossierTitle } from '../../../shared/ivan/dossier-title';

/** The durable outbox: what waits, why (last error), when it is retried; send now, retry, cancel. */
export function OutboxTab() {
  const { t, lang } = useMessages(inboxMessages);
  const [items, setItems] = useState<OutboxEntryDto[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ask, setAsk] = useState<OutboxEntryDto | null>(null);

  const load = useCallback(async () => {
    const r = await api.call('ivan.outboxList', {});
    if (r.ok) setItems(r.value);
    else setError(errorText(r.error, lang));
  }, [lang]);
  useEffect(() => void load(), [load]);
  // Entries another sender holds change on their own: look again until none is being sent.
  useEffect(() => {
    if (!items.some((e) => e.sending)) return;
    const h = setTimeout(() => void load(), 1000);
    return () => clearTimeout(h);
  }, [items, load]);

  const act = async (fn: () => Promise<{ ok: boolean; error?: { message: string; messageEn?: string } }>) => {
    setBusy(true);
    const r = await fn();
    setBusy(false);
    setError(!r.ok && r.error ? errorText(r.error, lang) : null);
    await load();
  };

  return (
    <div data-testid="ivan-outbox">
      <div className="toolbar">
        <button
          type="button"
          disabled={busy}
          onClick={() => void act(() => api.call('ivan.outboxSend', {}))}
          data-testid="outbox-send"
        >
          {busy ? t('sending') : t('sendNow')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {ask && (
        <ConfirmDialog
          testId="outbox-cancel-confirm"
          danger
          title={t('cancelTitle')}
          yes={t('cancel')}
          no={t('keepQueued')}
          onNo={() => setAsk(null)}
          onYes={() => {
            const id = ask.id;
            setAsk(null);
            void act(() => api.call('ivan.outboxCancel', { id }));
          }}
        >
          <p>{dossierTitle({ unitCode: ask.unitCode, period: ask.period, receiptNo: null }, lang) || ask.fileName}</p>
        </ConfirmDialog>
      )}
      <DataTable
        rows={items}
        rowKey={(e) => e.id}
        empty={t('emptyOutbox')}
        rowTestId="outbox-row"
        columns={[
          { header: '#', cell: (e) => e.id },
          {
            header: t('dossier'),
            cell: (e) => (
              <>
                {dossierTitle({ unitCode: e.unitCode, period: e.period, receiptNo: e.receiptNo }, lang) || e.fileName}
                <br />
                <small>{e.fileName}</small>
              </>
            ),
          },
          {
            header: t('state'),
            testId: 'outbox-state',
            cell: (e) => (e.sending ? t('sendingNow') : stateLabel(e.state, lang)),
          },
          { header: t('attempts'), className: 'num', cell: (e) => e.attempts },
          {
            header: t('lastError'),
            className: (e) => (e.state === 'queued' && e.lastError ? 'error' : ''),
            cell: (e) => (e.state === 'queued' ? (e.lastError ?? '') : ''),
          },
          { header: t('nextAttempt'), cell: (e) => (e.nextAttemptAt ? when(e.nextAttemptAt) : '—') },
          {
            header: '',
            cell: (e) =>
              // An entry a sender holds right now can be neither retried nor cancelled until its send ends.
              e.state === 'queued' &&
              !e.sending && (
                <>
                  <button type="button" onClick={() => void act(() => api.call('ivan.outboxRetry', { id: e.id }))}>
                    {t('retry')}
                  </button>
                  <button type="button" data-testid="outbox-cancel" onClick={() => setAsk(e)}>
                    {t('cancel')}
                  </button>
                </>
              ),
          },
        ]}
      />
    </div>
  );
}
