import { useEffect, useState } from 'react';
import type { AppSettings, TrainingState } from '../../../shared/contract/desk';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { settingsMessages } from './messages';

/** Training mode, the test clock, updates and small preferences. */
export function GeneralPanel() {
  const { t, lang } = useMessages(settingsMessages);
  const [s, setS] = useState<AppSettings | null>(null);
  const [training, setTraining] = useState<TrainingState | null>(null);
  const [clock, setClock] = useState('');
  const [updates, setUpdates] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.call('settings.get', {}).then((r) => {
      if (!r.ok) return;
      setS(r.value);
      setClock(r.value['testMode.clock'] ?? '');
      setUpdates(r.value['updates.url'] ?? '');
    });
    void api.call('training.status', {}).then((r) => r.ok && setTraining(r.value));
  }, []);

  async function save(patch: Partial<AppSettings>) {
    const r = await api.call('settings.set', { patch });
    if (r.ok) {
      setS(r.value);
      setMsg({ ok: true, text: t('saved') });
      window.dispatchEvent(new Event('kekhai:settings-changed'));
    } else setMsg({ ok: false, text: errorText(r.error, lang) });
  }

  async function toggleTraining() {
    setBusy(true);
    const r = await api.call('training.set', { enabled: !training?.enabled, demoData: true });
    setBusy(false);
    if (r.ok) {
      setTraining(r.value);
      window.dispatchEvent(new Event('kekhai:settings-changed'));
    } else setMsg({ ok: false, text: errorText(r.error, lang) });
  }

  if (!s) return null;
  return (
    <div className="settings-general">
      <fieldset>
        <legend>{t('training')}</legend>
        <p className="hint">{t('trainingHint')}</p>
        <button type="button" data-testid="training-toggle" disabled={busy} onClick={() => void toggleTraining()}>
          {training?.enabled ? t('trainingOff') : t('trainingOn')}
        </button>
        {training?.ivanEndpoint && <p data-testid="training-endpoint">{t('trainingIvan', { url: training.ivanEndpoint })}</p>}
        <label className="field">
          <span>{t('testClock')}</span>
          <input data-testid="test-clock" value={clock} placeholder="2015-10-31T23:00:00+07:00" onChange={(e) => setClock(e.target.value)} />
        </label>
        <p className="hint">{t('testClockHint')}</p>
        <button type="button" data-testid="test-clock-save" onClick={() => void save({ 'testMode.clock': clock.trim() || null })}>
          {t('save')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('updatesUrl')}</legend>
        <input data-testid="updates-url" value={updates} placeholder="https://" onChange={(e) => setUpdates(e.target.value)} />
        <p className="hint">{t('updatesHint')}</p>
        <label>
          <input type="checkbox" checked={s['updates.auto']} onChange={(e) => void save({ 'updates.auto': e.target.checked })} /> {t('updatesAuto')}
        </label>{' '}
        <button type="button" data-testid="updates-save" onClick={() => void save({ 'updates.url': updates.trim() || null })}>
          {t('save')}
        </button>
      </fieldset>
      <fieldset>
        <label>
          <input type="checkbox" data-testid="confirm-submit" checked={s['ui.confirmSubmit']} onChange={(e) => void save({ 'ui.confirmSubmit': e.target.checked })} /> {t('confirmSubmit')}
        </label>
        <p className="hint">
          <strong>{t('shortcuts')}:</strong> {t('shortcutList')}
        </p>
      </fieldset>
      {msg && (
        <p role="status" className={msg.ok ? 'success' : 'error'} data-testid="settings-message">
          {msg.text}
        </p>
      )}
    </div>
  );
}
