import { useEffect, useState } from 'react';
import type { AppSettings, TrainingState } from '../../../shared/contract/desk';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { settingsMessages } from './messages';
import { formatDateTimeVN, parseDateTimeVN, parseInstantVN } from '../../../shared/format';

/** "31/10/2015 10:00" → "2015-10-31T10:00" for the datetime-local picker ('' when not a full date and time). */
function pickerValue(text: string): string {
  const iso = parseDateTimeVN(text);
  return iso ? iso.slice(0, 16) : '';
}

/** "2015-10-31T10:00" from the picker → "31/10/2015 10:00". */
function fromPicker(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(v);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : '';
}

/** Training mode, the test clock, updates and small preferences. */
export function GeneralPanel() {
  const { t, lang } = useMessages(settingsMessages);
  const [s, setS] = useState<AppSettings | null>(null);
  const [training, setTraining] = useState<TrainingState | null>(null);
  const [clock, setClock] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.call('settings.get', {}).then((r) => {
      if (!r.ok) return;
      setS(r.value);
      const at = r.value['testMode.clock'] ? parseInstantVN(r.value['testMode.clock']) : null;
      setClock(at ? formatDateTimeVN(at) : '');
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

  const clockIso = clock.trim() ? parseDateTimeVN(clock) : null;
  const clockBad = clock.trim() !== '' && clockIso === null;
  function saveClock() {
    if (!clockBad) void save({ 'testMode.clock': clockIso });
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
        {training?.ivanEndpoint && (
          <p data-testid="training-endpoint">{t('trainingIvan', { url: training.ivanEndpoint })}</p>
        )}
        <form
          className="test-clock"
          onSubmit={(e) => {
            e.preventDefault();
            saveClock();
          }}
        >
          <label className="field">
            <span>{t('testClock')}</span>
            <input
              data-testid="test-clock"
              value={clock}
              placeholder="31/10/2015 10:00"
              aria-invalid={clockBad || undefined}
              onChange={(e) => setClock(e.target.value)}
            />
          </label>
          {/* The calendar writes the same dd/mm/yyyy hh:mm text the clerk can type. */}
          <input
            type="datetime-local"
            aria-label={t('testClockPick')}
            data-testid="test-clock-picker"
            value={pickerValue(clock)}
            onChange={(e) => setClock(fromPicker(e.target.value))}
          />
          <p className="hint">{t('testClockHint')}</p>
          {clockBad && (
            <p className="error" data-testid="test-clock-error">
              {t('testClockBad')}
            </p>
          )}
          <button type="submit" data-testid="test-clock-save">
            {t('save')}
          </button>{' '}
          <button
            type="button"
            data-testid="test-clock-clear"
            onClick={() => {
              setClock('');
              void save({ 'testMode.clock': null });
            }}
          >
            {t('testClockClear')}
          </button>
        </form>
      </fieldset>
      <fieldset>
        <legend>{t('updatesUrl')}</legend>
        <p className="hint" data-testid="updates-source">
          {t('updatesHint')}
        </p>
        <label>
          <input
            type="checkbox"
            checked={s['updates.auto']}
            onChange={(e) => void save({ 'updates.auto': e.target.checked })}
          />{' '}
          {t('updatesAuto')}
        </label>
      </fieldset>
      <fieldset>
        <label>
          <input
            type="checkbox"
            data-testid="confirm-submit"
            checked={s['ui.confirmSubmit']}
            onChange={(e) => void save({ 'ui.confirmSubmit': e.target.checked })}
          />{' '}
          {t('confirmSubmit')}
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
