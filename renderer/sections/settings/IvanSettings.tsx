import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { useCurrentUnit } from '../../app/stores';
import { ivanSettingsMessages } from './ivan-messages';
import { RegistrationPanel } from './RegistrationPanel';

type Providers = Output<'ivan.providers'>['providers'];
type SettingsState = Output<'ivan.settingsGet'>;

/** Cài đặt → I-VAN: provider, endpoint, credentials (write-only), training mode, registration state and the 2015 deadline. */
export default function IvanSettings() {
  const { t, lang } = useMessages(ivanSettingsMessages);
  const unitCode = useCurrentUnit((s) => s.unitCode);
  const [providers, setProviders] = useState<Providers>([]);
  const [state, setState] = useState<SettingsState | null>(null);
  const [provider, setProvider] = useState('00040');
  const [endpoint, setEndpoint] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(async () => {
    const p = await api.call('ivan.providers', {});
    if (p.ok) setProviders(p.value.providers);
    const s = await api.call('ivan.settingsGet', { unitCode: unitCode ?? undefined });
    if (!s.ok) return;
    setState(s.value);
    const mine = s.value.settings[0];
    if (mine) {
      setProvider(mine.providerCode);
      setEndpoint(mine.endpoint);
      setUsername(mine.username ?? '');
    } else if (unitCode) {
      // Not set up yet: start from the provider chosen on the unit's record.
      const u = await api.call('unit.get', { code: unitCode });
      if (u.ok && u.value.ivanProvider) setProvider(u.value.ivanProvider);
    }
  }, [unitCode]);
  useEffect(() => void load(), [load]);

  const mine = state?.settings[0] ?? null;

  const save = async () => {
    if (!unitCode) return;
    const r = await api.call('ivan.settingsSave', {
      unitCode,
      providerCode: provider,
      endpoint: endpoint.trim(),
      username: username || null,
      password: password ? password : undefined,
      // The version this form shows: a save from another tab meanwhile is not overwritten (STALE).
      expectedUpdatedAt: state ? (mine?.updatedAt ?? '') : undefined,
    });
    if (!r.ok && r.error.code === 'STALE') {
      // The stored settings are shown again (the password typed stays in its field to be saved again).
      setMsg({ ok: false, text: errorText(r.error, lang) });
      return void (await load());
    }
    setPassword('');
    setMsg(r.ok ? { ok: true, text: t('saved') } : { ok: false, text: errorText(r.error, lang) });
    await load();
  };

  const training = async () => {
    const r = await api.call('ivan.trainingStart', { unitCode: unitCode ?? undefined });
    if (!r.ok) return setMsg({ ok: false, text: errorText(r.error, lang) });
    setEndpoint(r.value.endpoint);
    await load();
  };

  return (
    <section data-testid="ivan-settings" className="ivan-settings">
      <h3>{t('title')}</h3>
      {state && (
        <p className={state.registrationPhase === 'paper-closed' ? 'warning' : ''} data-testid="ivan-deadline">
          {t('deadline')}
          {state.daysToDeadline !== null && <> ({t('daysLeft', { n: state.daysToDeadline })})</>}.{' '}
          <strong>{t('paperClosed')}</strong>
        </p>
      )}
      {!unitCode ? (
        <p>{t('noUnit')}</p>
      ) : (
        <>
          <div className="form-grid">
            <label>
              {t('provider')}
              <select value={provider} onChange={(e) => setProvider(e.target.value)} data-testid="ivan-provider">
                {providers.map((p) => (
                  <option key={p.code} value={p.code} title={p.note}>
                    {p.code} — {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('endpoint')}
              <input
                value={endpoint}
                onChange={(e) => setEndpoint(e.target.value)}
                placeholder="https://"
                size={40}
                data-testid="ivan-endpoint"
              />
            </label>
            <label>
              {t('username')}
              <input
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                autoComplete="off"
                data-testid="ivan-username"
              />
            </label>
            <label>
              {t('password')}
              <input
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete="new-password"
                placeholder={mine?.hasPassword ? t('passwordKept') : ''}
                data-testid="ivan-password"
              />
            </label>
          </div>
          <p>
            <small>{t('oneProvider')}</small>
          </p>
          <div className="toolbar">
            <button type="button" onClick={() => void save()} data-testid="ivan-save">
              {t('save')}
            </button>
            <button type="button" onClick={() => void training()} data-testid="ivan-training">
              {t('trainingOn')}
            </button>
          </div>
          {mine?.trainingMode && (
            <p className="warning" data-testid="ivan-training-active">
              {t('trainingActive', { url: mine.endpoint })}
            </p>
          )}
          {msg && (
            <p className={msg.ok ? 'success' : 'error'} role="status" data-testid="ivan-message">
              {msg.text}
            </p>
          )}
          <RegistrationPanel unitCode={unitCode} providers={providers} providerCode={provider} />
        </>
      )}
    </section>
  );
}
