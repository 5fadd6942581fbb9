import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { saveBlob } from '../../api/files';
import { supportMessages } from './support-messages';

/** Cài đặt → Hỗ trợ: "Xuất gói hỗ trợ" (logs, doctor output, versions; no database, no secrets). */
export function SupportPanel() {
  const { t, lang } = useMessages(supportMessages);
  const [busy, setBusy] = useState(false);
  const [logDir, setLogDir] = useState<string | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void api.call('system.doctor', {}).then((r) => r.ok && setLogDir(r.value.logDir));
  }, []);

  async function exportBundle() {
    setBusy(true);
    setMsg(null);
    const r = await api.call('system.supportBundle', {});
    setBusy(false);
    if (!r.ok) return setMsg({ ok: false, text: errorText(r.error, lang) });
    saveBlob(r.value.file, 'application/zip');
    setMsg({ ok: true, text: t('supportDone', { name: r.value.file.name, count: String(r.value.entries.length) }) });
  }

  return (
    <div className="support-panel">
      <h3>{t('supportTitle')}</h3>
      <p className="hint">{t('supportHint')}</p>
      <button type="button" data-testid="support-bundle" disabled={busy} onClick={() => void exportBundle()}>
        {busy ? t('supportRunning') : t('supportExport')}
      </button>
      {logDir && (
        <p className="hint" data-testid="log-folder">
          {t('logFolder', { dir: logDir })}
        </p>
      )}
      {msg && (
        <p role="status" className={msg.ok ? 'success' : 'error'} data-testid="support-message">
          {msg.text}
        </p>
      )}
    </div>
  );
}
