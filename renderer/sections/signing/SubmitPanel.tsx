import { useCallback, useEffect, useState } from 'react';
import { stateLabel } from '../../../shared/ivan/state-labels';
import type { OutboxEntryDto } from '../../../shared/contract/ivan';
import type { DossierSummary } from '../../../shared/contract/declarations';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { submitPanelMessages as m } from './submit-panel-messages';
import { useCurrentUnit, useLastDossier } from '../../app/stores';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { dossierTitle } from '../../../shared/ivan/dossier-title';
import { formatDateTimeVN } from '../../../shared/format';
import { readFileBlob } from '../../api/files';

/**
 * Queue / send / cancel of a signed dossier and its receipt. Rendered by the signing page (tab "Nộp hồ sơ");
 * with `dossierId` it queues that dossier's stored signed envelope, otherwise a signed file chosen here.
 */
export default function SubmitPanel({ dossierId: fixedDossierId }: { dossierId?: string } = {}) {
  const { t, lang } = useMessages(m);
  const unitCode = useCurrentUnit((s) => s.unitCode);
  // Signed dossiers of the current unit, so the clerk picks one instead of hunting for a file.
  const [signed, setSigned] = useState<DossierSummary[]>([]);
  const [picked, setPicked] = useState('');
  const dossierId = fixedDossierId ?? (picked || undefined);
  const last = useLastDossier((s) => s.id);
  const [confirmSubmit, setConfirmSubmit] = useState(true);
  const [ask, setAsk] = useState<'send' | 'cancel' | null>(null);
  useEffect(() => {
    void api.call('settings.get', {}).then((r) => r.ok && setConfirmSubmit(r.value['ui.confirmSubmit']));
  }, []);
  useEffect(() => {
    if (fixedDossierId) return;
    // Every unit's signed dossiers (the clerk may come from another unit's list); the one the clerk came from first.
    // Signed ones to queue, and queued ones still waiting to be sent.
    const ready = async (unit?: string) => {
      const [a, b] = await Promise.all([
        api.call('dossier.list', { unitCode: unit, state: 'signed' }),
        api.call('dossier.list', { unitCode: unit, state: 'queued' }),
      ]);
      return [...(a.ok ? a.value.dossiers : []), ...(b.ok ? b.value.dossiers : [])];
    };
    void ready(unitCode ?? undefined).then(async (mine) => {
      let list = mine;
      if (last && !list.some((d) => d.id === last)) list = [...(await ready()).filter((d) => d.id === last), ...list];
      setSigned(list);
      setPicked((p) => p || (list.some((d) => d.id === last) ? last! : (list[0]?.id ?? '')));
    });
  }, [fixedDossierId, unitCode, last]);
  const [file, setFile] = useState<File | null>(null);
  const [endpoint, setEndpoint] = useState('');
  const [entry, setEntry] = useState<OutboxEntryDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  const reload = useCallback(async (id: number) => {
    const r = await api.call('ivan.outboxList', {});
    if (r.ok) setEntry(r.value.find((e) => e.id === id) ?? null);
  }, []);

  useEffect(() => {
    if (!dossierId) return;
    void api.call('ivan.outboxList', {}).then((r) => {
      if (r.ok) setEntry([...r.value].reverse().find((e) => e.dossierId === dossierId) ?? null);
    });
  }, [dossierId]);

  // Being sent elsewhere (this page before a reload, another tab, `kekhai outbox send`): look again until it is done.
  useEffect(() => {
    if (!entry?.sending) return;
    const h = setTimeout(() => void reload(entry.id), 1000);
    return () => clearTimeout(h);
  }, [entry, reload]);

  const queue = async () => {
    const blob = file ? await readFileBlob(file) : undefined;
    if (blob && !blob.ok) return setMsg({ ok: false, text: errorText(blob.error, lang) });
    setBusy(true);
    const r = await api.call('ivan.outboxAdd', {
      file: blob?.value,
      dossierId,
      endpoint: endpoint.trim() || undefined,
      unitCode: unitCode ?? undefined,
    });
    setBusy(false);
    if (!r.ok) return setMsg({ ok: false, text: errorText(r.error, lang) });
    setEntry(r.value.entry);
    setMsg({ ok: true, text: t(r.value.created ? 'queued' : 'already', { id: r.value.entry.id }) });
  };

  const chosen = signed.find((d) => d.id === dossierId);
  const what = chosen
    ? dossierTitle(
        {
          unitCode: chosen.unitCode,
          unitName: null,
          procedure: null,
          period: chosen.period,
          batch: chosen.batch,
          receiptNo: null,
        },
        lang,
      )
    : t('theFile');
  const send = async () => {
    setAsk(null);
    if (!entry) return;
    setBusy(true);
    const r = await api.call('ivan.outboxSend', {});
    setBusy(false);
    if (!r.ok) setMsg({ ok: false, text: errorText(r.error, lang) });
    await reload(entry.id);
  };

  const cancel = async () => {
    setAsk(null);
    if (!entry) return;
    const r = await api.call('ivan.outboxCancel', { id: entry.id });
    if (!r.ok) setMsg({ ok: false, text: errorText(r.error, lang) });
    else setEntry(r.value);
  };

  return (
    <div data-testid="submit-panel" className="submit-panel">
      <h3>{t('heading')}</h3>
      {!fixedDossierId && signed.length > 0 && (
        <label>
          {t('pick')}{' '}
          <select value={picked} onChange={(e) => setPicked(e.target.value)} data-testid="submit-dossier">
            <option value="">{t('pickNone')}</option>
            {signed.map((d) => (
              <option key={d.id} value={d.id}>
                {t('dossierOption', { unit: d.unitCode, period: d.period, batch: d.batch, rows: d.rowCount })}
                {d.signedAt ? ` · ${formatDateTimeVN(new Date(d.signedAt))}` : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      {!dossierId && (
        <label>
          {t('file')}{' '}
          <input
            type="file"
            accept=".xml,application/xml"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="submit-file"
          />
        </label>
      )}
      <div>
        <label>
          {t('endpoint')}{' '}
          <input
            value={endpoint}
            onChange={(e) => setEndpoint(e.target.value)}
            placeholder="https://…"
            size={40}
            data-testid="submit-endpoint"
          />
        </label>
        <small> {t('endpointHint')}</small>
      </div>
      <div className="toolbar">
        <button
          type="button"
          disabled={busy || (!file && !dossierId)}
          onClick={() => void queue()}
          data-testid="submit-queue"
        >
          {t('queue')}
        </button>
        <button
          type="button"
          disabled={busy || entry?.state !== 'queued' || entry.sending}
          onClick={() => (confirmSubmit ? setAsk('send') : void send())}
          data-testid="submit-send"
        >
          {busy ? t('sending') : t('send')}
        </button>
        <button
          type="button"
          disabled={busy || entry?.state !== 'queued' || entry.sending}
          onClick={() => setAsk('cancel')}
          data-testid="submit-cancel"
        >
          {t('cancel')}
        </button>
      </div>
      {!busy && !file && !dossierId && (
        <p className="disabled-why" data-testid="submit-why">
          {t('whyNothing')}
        </p>
      )}
      {!busy && (file || dossierId) && entry?.state !== 'queued' && !entry && (
        <p className="disabled-why" data-testid="submit-why">
          {t('whyNotQueued')}
        </p>
      )}
      {ask === 'send' && (
        <ConfirmDialog
          testId="submit-confirm"
          title={t('confirmTitle')}
          yes={t('confirmYes')}
          no={t('confirmNo')}
          onYes={() => void send()}
          onNo={() => setAsk(null)}
        >
          <p>{t('confirmBody', { what, endpoint: entry?.endpoint ?? t('unitEndpoint') })}</p>
        </ConfirmDialog>
      )}
      {ask === 'cancel' && (
        <ConfirmDialog
          testId="cancel-confirm"
          danger
          title={t('confirmCancelTitle')}
          yes={t('confirmCancelYes')}
          no={t('confirmCancelNo')}
          onYes={() => void cancel()}
          onNo={() => setAsk(null)}
        >
          <p>{t('confirmCancelBody', { what })}</p>
        </ConfirmDialog>
      )}
      {msg && (
        <p className={msg.ok ? 'success' : 'error'} role="status">
          {msg.text}
        </p>
      )}
      {entry && (
        <table className="grid" data-testid="submit-receipt">
          <tbody>
            <tr>
              <th>{t('state')}</th>
              <td data-testid="submit-state">{entry.sending ? t('sendingNow') : stateLabel(entry.state, lang)}</td>
            </tr>
            <tr>
              <th>{t('tx')}</th>
              <td data-testid="submit-tx">{entry.transactionId ?? '—'}</td>
            </tr>
            <tr>
              <th>{t('receiptNo')}</th>
              <td>{entry.receiptNo ?? '—'}</td>
            </tr>
            <tr>
              <th>{t('attempts')}</th>
              <td>{entry.attempts}</td>
            </tr>
            {entry.state === 'queued' && entry.lastError && (
              <tr>
                <th>{t('lastError')}</th>
                <td className="error">{entry.lastError}</td>
              </tr>
            )}
            <tr>
              <th>{t('receiptAt')}</th>
              <td>{formatDateTimeVN(new Date(entry.updatedAt))}</td>
            </tr>
          </tbody>
        </table>
      )}
      {entry?.paperCopyRequired && <p className="warning">{t('paper')}</p>}
      {entry && entry.reasons.length > 0 && (
        <div>
          {t('reasons')}
          <ul className="error">
            {entry.reasons.map((x, i) => (
              <li key={i}>{x.message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
