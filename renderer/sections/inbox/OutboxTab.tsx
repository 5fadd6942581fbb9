import { useCallback, useEffect, useState } from 'react';
import type { OutboxEntryDto } from '../../../shared/contract/ivan';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { inboxMessages } from './messages';
import { when } from './format';

/** The durable outbox: what waits, why (last error), when it is retried; send now, retry, cancel. */
export function OutboxTab() {
  const { t, lang } = useMessages(inboxMessages);
  const [items, setItems] = useState<OutboxEntryDto[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await api.call('ivan.outboxList', {});
    if (r.ok) setItems(r.value);
    else setError(errorText(r.error, lang));
  }, [lang]);
  useEffect(() => void load(), [load]);

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
        <button type="button" disabled={busy} onClick={() => void act(() => api.call('ivan.outboxSend', {}))} data-testid="outbox-send">{busy ? t('sending') : t('sendNow')}</button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {items.length === 0 ? (
        <p>{t('emptyOutbox')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr><th>#</th><th>{t('dossier')}</th><th>{t('state')}</th><th>{t('attempts')}</th><th>{t('lastError')}</th><th>{t('nextAttempt')}</th><th /></tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} data-testid="outbox-row">
                <td>{e.id}</td>
                <td>{e.fileName}<br /><small>{e.dossierId}</small></td>
                <td data-testid="outbox-state">{t(`state_${e.state}`)}</td>
                <td className="num">{e.attempts}</td>
                <td className={e.state === 'queued' && e.lastError ? 'error' : ''}>{e.state === 'queued' ? (e.lastError ?? '') : ''}</td>
                <td>{e.nextAttemptAt ? when(e.nextAttemptAt) : '—'}</td>
                <td>
                  {e.state === 'queued' && (
                    <>
                      <button type="button" onClick={() => void act(() => api.call('ivan.outboxRetry', { id: e.id }))}>{t('retry')}</button>
                      <button type="button" onClick={() => void act(() => api.call('ivan.outboxCancel', { id: e.id }))}>{t('cancel')}</button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
