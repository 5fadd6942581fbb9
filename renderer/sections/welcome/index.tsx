import { useEffect, useState } from 'react';
import type { UnitRecord } from '../../../shared/contract/roster';
import type { CertificateReport } from '../../../shared/contract/signing';
import { WELCOME_STEPS, type WelcomeStep } from '../../../shared/contract/desk';
import { IVAN_NAMES } from '../../../shared/codes/ivan-providers';
import { DateField } from '../../components/DateField';
import { IvanProviderSelect } from '../../components/IvanProviderSelect';
import { formatDateVN } from '../../../shared/format';
import { api } from '../../api/client';
import { useCurrentUnit } from '../../app/stores';
import { errorText, errorWithProblems, useMessages } from '../../i18n';
import { SigningDoctor } from '../signing/SigningDoctor';
import { UnitForm } from '../units/UnitForm';
import { saveBlob } from '../../api/files';
import { welcomeMessages } from './messages';
import './welcome.css';

/**
 * The first-run flow, shown by the app frame while no unit exists: unit → I-VAN provider → token check →
 * registration 04/ĐK-IVAN. Each finished step is remembered (welcome.mark), so the clerk can stop and come back.
 */
export default function Welcome({ onDone, onRestore }: { onDone(): void; onRestore(): void }) {
  const { t, lang } = useMessages(welcomeMessages);
  const [step, setStep] = useState<WelcomeStep>('unit');
  const [unit, setUnitRec] = useState<UnitRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const setCurrentUnit = useCurrentUnit((s) => s.setUnit);

  const mark = async (s: WelcomeStep, detail?: string) => {
    await api.call('welcome.mark', { step: s, detail });
    const i = WELCOME_STEPS.indexOf(s);
    if (i === WELCOME_STEPS.length - 1) onDone();
    else setStep(WELCOME_STEPS[i + 1]!);
  };

  async function startTraining() {
    const r = await api.call('training.set', { enabled: true, demoData: true });
    if (!r.ok) return setError(errorText(r.error, lang));
    if (r.value.demoUnitCode) setCurrentUnit(r.value.demoUnitCode);
    window.dispatchEvent(new Event('kekhai:settings-changed'));
    onDone();
  }

  return (
    <section className="welcome" data-testid="welcome">
      <h2>{t('title')}</h2>
      <p>{t('intro')}</p>
      <ol className="welcome-steps">
        {WELCOME_STEPS.map((s) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} data-testid={`welcome-step-${s}`}>
            {t(`step_${s}`)}
          </li>
        ))}
      </ol>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      {step === 'unit' && (
        <div className="welcome-body">
          <p className="hint">{t('unitHint')}</p>
          <UnitForm
            unit={null}
            onDone={(u) => {
              if (!u) return;
              setUnitRec(u);
              setCurrentUnit(u.code);
              void mark('unit', u.code);
            }}
          />
          <div className="welcome-alt">
            <p>{t('orTraining')}</p>
            <button type="button" data-testid="welcome-training" onClick={() => void startTraining()}>
              {t('startTraining')}
            </button>
            <p>{t('orRestore')}</p>
            <button
              type="button"
              data-testid="welcome-restore"
              onClick={() => void api.call('welcome.dismiss', {}).then(onRestore)}
            >
              {t('goRestore')}
            </button>
          </div>
        </div>
      )}

      {step === 'provider' && unit && (
        <ProviderStep
          unit={unit}
          onSaved={(u) => (setUnitRec(u), void mark('provider', u.ivanProvider))}
          onSkip={() => void mark('provider', 'skipped')}
        />
      )}

      {step === 'token' && (
        <div className="welcome-body">
          <p className="hint">{t('tokenHint')}</p>
          <SigningDoctor />
          <div className="actions">
            <button type="button" data-testid="welcome-token-next" onClick={() => void mark('token')}>
              {t('next')}
            </button>
          </div>
        </div>
      )}

      {step === 'registration' && unit && (
        <RegistrationStep unit={unit} onDone={(detail) => void mark('registration', detail)} />
      )}
    </section>
  );
}

function ProviderStep({ unit, onSaved, onSkip }: { unit: UnitRecord; onSaved(u: UnitRecord): void; onSkip(): void }) {
  const { t, lang } = useMessages(welcomeMessages);
  const [provider, setProvider] = useState(unit.ivanProvider ?? '');
  const [endpoint, setEndpoint] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  async function save() {
    if (!provider) return;
    // A test call before going on: an empty or wrong address, or a refused account, is said here, not at submission.
    if (!endpoint.trim()) return setError(t('needEndpoint'));
    setChecking(true);
    setError(null);
    const c = await api.call('ivan.checkConnection', {
      endpoint: endpoint.trim(),
      providerCode: provider,
      username: username || null,
      password: password || undefined,
    });
    setChecking(false);
    if (!c.ok) return setError(errorText(c.error, lang));
    const u = await api.call('unit.update', { code: unit.code, patch: { ivanProvider: provider } });
    if (!u.ok) return setError(errorText(u.error, lang));
    const s = await api.call('ivan.settingsSave', {
      unitCode: unit.code,
      providerCode: provider,
      endpoint: endpoint.trim(),
      username: username || null,
      password: password || undefined,
    });
    setPassword('');
    if (!s.ok) return setError(errorText(s.error, lang));
    onSaved(u.value);
  }

  return (
    <div className="welcome-body">
      <p className="hint">{t('providerHint')}</p>
      <label className="field">
        <span>{t('provider')}</span>
        <IvanProviderSelect
          testId="welcome-provider"
          value={provider}
          onChange={setProvider}
          placeholder={t('choose')}
        />
      </label>
      <label className="field">
        <span>{t('endpoint')}</span>
        <input
          data-testid="welcome-endpoint"
          value={endpoint}
          placeholder="https://"
          onChange={(e) => setEndpoint(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('username')}</span>
        <input
          data-testid="welcome-username"
          value={username}
          autoComplete="off"
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('password')}</span>
        <input
          data-testid="welcome-password"
          type="password"
          value={password}
          autoComplete="new-password"
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          data-testid="welcome-provider-next"
          disabled={!provider || checking}
          onClick={() => void save()}
        >
          {checking ? t('checking') : t('next')}
        </button>
        <button type="button" data-testid="welcome-provider-skip" onClick={onSkip}>
          {t('skip')}
        </button>
      </div>
    </div>
  );
}

function RegistrationStep({ unit, onDone }: { unit: UnitRecord; onDone(detail: string): void }) {
  const { t, lang } = useMessages(welcomeMessages);
  const [certs, setCerts] = useState<CertificateReport[]>([]);
  const [serial, setSerial] = useState('');
  const [place, setPlace] = useState('');
  const [date, setDate] = useState(formatDateVN(new Date()));
  const [email, setEmail] = useState(unit.email ?? '');
  const [phone, setPhone] = useState(unit.phone ?? '');
  const [built, setBuilt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.call('signing.tokens', {}).then((r) => {
      if (!r.ok) return;
      const all = r.value.libraries.flatMap((l) => l.tokens.flatMap((tk) => tk.certificates)).filter((c) => c.canSign);
      setCerts(all);
      if (all[0]) setSerial(all[0].serial);
    });
  }, []);

  async function build() {
    const cert = certs.find((c) => c.serial === serial);
    if (!cert) return;
    const provider = unit.ivanProvider ?? '';
    const r = await api.call('ivan.registrationBuild', {
      form: '04',
      place,
      date,
      unitName: unit.name,
      unitCode: unit.code,
      address: unit.address ?? '',
      email,
      phone,
      procedures: ['600'],
      ivanCode: provider,
      ivanName: IVAN_NAMES[provider] ?? '',
      certificate: { serial: cert.serial, subject: cert.subject, notBefore: cert.notBefore, notAfter: cert.notAfter },
    });
    // The registration's problems each name their field (ngày lập, email …): said here, in the one alert.
    if (!r.ok) return setError(errorWithProblems(r.error, lang));
    saveBlob(r.value.file, 'application/xml');
    setBuilt(r.value.file.name);
  }

  return (
    <div className="welcome-body">
      <p className="hint">{t('registrationHint')}</p>
      <label className="field">
        <span>{t('place')}</span>
        <input data-testid="welcome-place" value={place} onChange={(e) => setPlace(e.target.value)} />
      </label>
      <DateField label={t('date')} testId="welcome-date" value={date} onChange={setDate} />
      <label className="field">
        <span>{t('email')}</span>
        <input data-testid="welcome-email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('phone')}</span>
        <input data-testid="welcome-phone" value={phone} onChange={(e) => setPhone(e.target.value)} />
      </label>
      {certs.length ? (
        <label className="field">
          <span>{t('certificate')}</span>
          <select data-testid="welcome-cert" value={serial} onChange={(e) => setSerial(e.target.value)}>
            {certs.map((c) => (
              <option key={c.serial} value={c.serial}>
                {c.subjectCN} — {c.serial}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="warning">{t('noCert')}</p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {built && (
        <p className="success" data-testid="welcome-built">
          {t('built', { name: built })}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          data-testid="welcome-build"
          disabled={!serial || !place.trim()}
          onClick={() => void build()}
        >
          {t('build')}
        </button>
        <button type="button" data-testid="welcome-finish" onClick={() => onDone(built ?? 'later')}>
          {built ? t('finish') : t('later')}
        </button>
      </div>
    </div>
  );
}
