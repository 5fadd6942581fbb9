import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppSettings, BackupInfo } from '../../../shared/contract/desk';
import { formatDateTimeVN } from '../../../shared/format';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { readFileBlob, saveBlob } from '../../api/files';
import { MAX_BACKUP_BYTES } from '../../../shared/file-limits';
import { settingsMessages } from './messages';
import { DataTable } from '../../components/DataTable';
import { ProgressBar } from './ProgressBar';
import { supportMessages } from './support-messages';

const size = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

type Pending = { name: string; run(): Promise<void> } | null;

/** Manual backup (also as a download), the list of copies, and restore from a copy or from a file. */
export function BackupPanel() {
  const { t, lang } = useMessages(settingsMessages);
  const [list, setList] = useState<{ dir: string; items: BackupInfo[] } | null>(null);
  const [settings, setSettings] = useState<AppSettings | null>(null);
  const [busy, setBusy] = useState<'backup.now' | 'backup.restore' | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirm, setConfirm] = useState<Pending>(null);
  const support = useMessages(supportMessages);
  /** What the last restore did not take over from the backup (issue #12: listed for the clerk to enter again). */
  const [reconfirm, setReconfirm] = useState<{ message: string; messageEn: string }[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const [l, s] = await Promise.all([api.call('backup.list', {}), api.call('settings.get', {})]);
    if (l.ok) setList(l.value);
    if (s.ok) setSettings(s.value);
  }, []);
  useEffect(() => {
    void load();
    // Ctrl+Shift+S (App frame) asks for a backup; refresh the list when it is done.
    const onDone = () => void load();
    window.addEventListener('kekhai:backup-done', onDone);
    return () => window.removeEventListener('kekhai:backup-done', onDone);
  }, [load]);

  async function backupNow(download: boolean) {
    setBusy('backup.now');
    setMsg(null);
    const r = await api.call('backup.now', { download });
    setBusy(null);
    if (!r.ok) return setMsg({ ok: false, text: errorText(r.error, lang) });
    if (r.value.file) saveBlob(r.value.file, 'application/vnd.sqlite3');
    setMsg({ ok: true, text: t('backupDone', { name: r.value.backup.name }) });
    await load();
  }

  async function restore(input: { name: string } | { file: { name: string; base64: string } }, label: string) {
    setBusy('backup.restore');
    setMsg(null);
    setReconfirm([]);
    const r = await api.call('backup.restore', input);
    setBusy(null);
    if (!r.ok) return setMsg({ ok: false, text: errorText(r.error, lang) });
    setReconfirm(r.value.reconfirm);
    setMsg({ ok: true, text: t('restoreDone', { name: label, copy: r.value.safetyCopy.name }) });
    window.dispatchEvent(new Event('kekhai:data-restored'));
    await load();
  }

  async function saveSetting(patch: Partial<AppSettings>) {
    const r = await api.call('settings.set', { patch });
    if (r.ok) setSettings(r.value);
    else setMsg({ ok: false, text: errorText(r.error, lang) });
  }

  async function download(name: string) {
    const r = await api.call('backup.download', { name });
    if (r.ok) saveBlob(r.value, 'application/vnd.sqlite3');
    else setMsg({ ok: false, text: errorText(r.error, lang) });
  }

  return (
    <div className="backup-panel">
      <div className="toolbar">
        <button
          type="button"
          data-testid="backup-now"
          disabled={busy !== null}
          onClick={() => void backupNow(false)}
          title="Ctrl+Shift+S"
        >
          {t('backupNow')}
        </button>
        <button
          type="button"
          data-testid="backup-download"
          disabled={busy !== null}
          onClick={() => void backupNow(true)}
        >
          {t('backupNowDownload')}
        </button>
        <button
          type="button"
          data-testid="restore-from-file"
          disabled={busy !== null}
          onClick={() => fileInput.current?.click()}
        >
          {t('restoreFromFile')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".db,.sqlite,.sqlite3,application/vnd.sqlite3"
          data-testid="restore-file"
          hidden
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            // A backup holds every signed dossier: its own, larger limit.
            const blob = await readFileBlob(f, MAX_BACKUP_BYTES);
            if (!blob.ok) return setMsg({ ok: false, text: errorText(blob.error, lang) });
            setConfirm({ name: f.name, run: () => restore({ file: blob.value }, f.name) });
          }}
        />
      </div>
      <ProgressBar method="backup.now" active={busy === 'backup.now'} label={t('backupRunning')} />
      <ProgressBar method="backup.restore" active={busy === 'backup.restore'} label={t('restoreRunning')} />
      {confirm && (
        <div
          role="dialog"
          aria-modal="true"
          aria-label={t('restore')}
          className="confirm"
          data-testid="restore-confirm"
        >
          <p>{t('restoreConfirm', { name: confirm.name })}</p>
          <button
            type="button"
            data-testid="restore-confirm-yes"
            onClick={() => {
              const c = confirm;
              setConfirm(null);
              void c.run();
            }}
          >
            {t('restore')}
          </button>{' '}
          <button type="button" onClick={() => setConfirm(null)}>
            {t('cancel')}
          </button>
        </div>
      )}
      {msg && (
        <p role="status" className={msg.ok ? 'success' : 'error'} data-testid="backup-message">
          {msg.text}
        </p>
      )}
      {reconfirm.length > 0 && (
        <div className="warning" data-testid="restore-reconfirm">
          <p>{support.t('reconfirmTitle')}</p>
          <ul>
            {reconfirm.map((r, i) => (
              <li key={i}>{lang === 'en' ? r.messageEn : r.message}</li>
            ))}
          </ul>
        </div>
      )}
      {settings && (
        <p className="backup-options">
          <label>
            <input
              type="checkbox"
              data-testid="backup-auto"
              checked={settings['backup.auto']}
              onChange={(e) => void saveSetting({ 'backup.auto': e.target.checked })}
            />{' '}
            {t('backupAuto')}
          </label>{' '}
          <label>
            {t('backupKeep')}{' '}
            <input
              type="number"
              min={1}
              max={365}
              style={{ width: 64 }}
              data-testid="backup-keep"
              value={settings['backup.keep']}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 1 && n <= 365) void saveSetting({ 'backup.keep': n });
              }}
            />
          </label>
        </p>
      )}
      {list && <p className="hint">{t('backupFolder', { dir: list.dir })}</p>}
      {list && (
        <DataTable
          testId="backup-list"
          rows={list.items}
          rowKey={(b) => b.name}
          empty={t('backupNone')}
          rowTestId="backup-row"
          rowData={(b) => ({ 'data-name': b.name })}
          columns={[
            { header: t('colTime'), title: (b) => b.name, cell: (b) => formatDateTimeVN(new Date(b.createdAt)) },
            { header: t('colKind'), cell: (b) => t(`kind_${b.kind}` as never) },
            { header: t('colSize'), cell: (b) => size(b.sizeBytes) },
            { header: t('colVersion'), cell: (b) => b.schemaVersion ?? '—' },
            {
              header: t('colActions'),
              cell: (b) => (
                <>
                  <button
                    type="button"
                    data-testid={`restore-${b.name}`}
                    disabled={busy !== null}
                    onClick={() => setConfirm({ name: b.name, run: () => restore({ name: b.name }, b.name) })}
                  >
                    {t('restore')}
                  </button>{' '}
                  <button type="button" onClick={() => void download(b.name)}>
                    {t('download')}
                  </button>
                </>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
