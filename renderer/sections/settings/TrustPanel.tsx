import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { formatDateVN } from '../../../shared/format';
import type { TrustEntryOutput } from '../../../shared/contract/signing';
import { readFileBlob } from '../../api/files';
import { DataTable } from '../../components/DataTable';
import { trustMessages } from './trust-messages';

/** Cài đặt → Tổ chức cấp tin cậy: the trust store (`kekhai trust add|list|remove`) for the clerk or IT. */
export function TrustPanel() {
  const { t, lang } = useMessages(trustMessages);
  const [entries, setEntries] = useState<TrustEntryOutput[] | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<string | null>(null);

  const load = async () => {
    const r = await api.call('signing.trustList', {});
    if (r.ok) setEntries(r.value.entries);
    else setMsg({ ok: false, text: errorText(r.error, lang) });
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once on mount
  }, []);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setMsg(null);
    const blob = await readFileBlob(file);
    const r = blob.ok ? await api.call('signing.trustAdd', { file: blob.value }) : blob;
    setBusy(false);
    if (!r.ok) return setMsg({ ok: false, text: errorText(r.error, lang) });
    const parts = [
      r.value.added.length ? t('trustAdded', { count: String(r.value.added.length) }) : '',
      r.value.present.length ? t('trustPresent', { count: String(r.value.present.length) }) : '',
    ];
    setMsg({ ok: true, text: parts.filter(Boolean).join(' ') });
    await load();
  };

  const remove = async (e: TrustEntryOutput) => {
    setAsking(null);
    const r = await api.call('signing.trustRemove', { fingerprint: e.fingerprint });
    if (!r.ok) return setMsg({ ok: false, text: errorText(r.error, lang) });
    setMsg({ ok: true, text: t('trustRemoved', { subject: e.subject }) });
    await load();
  };

  const stored = entries?.filter((e) => e.source === 'store') ?? [];
  return (
    <div className="trust-panel" data-testid="trust-panel">
      <h3>{t('trustTitle')}</h3>
      <p className="hint">{t('trustHint')}</p>
      <label>
        {t('trustImport')}{' '}
        <input
          type="file"
          accept=".pem,.cer,.crt,.der,.p7b,.p7c"
          data-testid="trust-file"
          disabled={busy}
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </label>
      {msg && (
        <p className={msg.ok ? 'success' : 'error'} role={msg.ok ? 'status' : 'alert'} data-testid="trust-message">
          {msg.text}
        </p>
      )}
      {entries && !stored.length && (
        <p className="hint" data-testid="trust-empty">
          {t('trustEmpty')}
        </p>
      )}
      {entries && entries.length > 0 && (
        <DataTable
          testId="trust-table"
          rows={entries}
          rowKey={(e) => e.fingerprint}
          rowTestId="trust-row"
          columns={[
            { header: t('trustSubject'), cell: (e) => e.subject },
            {
              header: t('trustFingerprint'),
              className: 'mono',
              cell: (e) => e.fingerprint.replace(/(..)(?!$)/g, '$1:').toUpperCase(),
            },
            {
              header: t('trustValidity'),
              cell: (e) => `${formatDateVN(new Date(e.notBefore))} – ${formatDateVN(new Date(e.notAfter))}`,
            },
            {
              header: t('trustSource'),
              cell: (e) => (e.source === 'store' ? t('trustSourceStore') : t('trustSourceBuiltIn')),
            },
            {
              header: null,
              cell: (e) => (
                <>
                  {e.source === 'store' && asking !== e.fingerprint && (
                    <button type="button" onClick={() => setAsking(e.fingerprint)} data-testid="trust-remove">
                      {t('trustRemove')}
                    </button>
                  )}
                  {asking === e.fingerprint && (
                    // Asked in place: removing an issuer changes every later verdict on its signatures.
                    <span role="alertdialog" aria-label={t('trustConfirmRemove', { subject: e.subject })}>
                      {t('trustConfirmRemove', { subject: e.subject })}{' '}
                      <button
                        type="button"
                        className="danger"
                        onClick={() => void remove(e)}
                        data-testid="trust-remove-yes"
                      >
                        {t('trustRemove')}
                      </button>{' '}
                      <button type="button" onClick={() => setAsking(null)}>
                        {t('trustCancel')}
                      </button>
                    </span>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
