import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { ivanSettingsMessages, STOP_REASON_LABELS } from './ivan-messages';

type Providers = Output<'ivan.providers'>['providers'];
type Reg = Output<'ivan.registrations'>[number];

function download(name: string, base64: string) {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/xml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The unit's registration state and the 04/05/06 builder (the XML is then signed at Hoso/CKy_Dvi and submitted). */
export function RegistrationPanel({ unitCode, providers, providerCode }: { unitCode: string; providers: Providers; providerCode: string }) {
  const { t, lang } = useMessages(ivanSettingsMessages);
  const [regs, setRegs] = useState<Reg[]>([]);
  const [form, setForm] = useState<'04' | '05' | '06'>('04');
  const [f, setF] = useState({ unitName: '', address: '', email: '', phone: '', serial: '', subject: '', from: '', to: '', stopFrom: '' });
  const [reasons, setReasons] = useState<number[]>([]);
  const [msg, setMsg] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await api.call('ivan.registrations', { unitCode });
    if (r.ok) setRegs(r.value);
  }, [unitCode]);
  useEffect(() => void load(), [load]);

  const build = async () => {
    const p = providers.find((x) => x.code === providerCode);
    const today = new Date(Date.now() + 7 * 3600_000);
    const dmy = `${String(today.getUTCDate()).padStart(2, '0')}/${String(today.getUTCMonth() + 1).padStart(2, '0')}/${today.getUTCFullYear()}`;
    const r = await api.call('ivan.registrationBuild', {
      form,
      place: f.address.split(',').pop()?.trim() || f.address,
      date: dmy,
      unitName: f.unitName,
      unitCode,
      address: f.address,
      email: f.email,
      phone: f.phone,
      procedures: ['600'],
      ivanCode: providerCode,
      ivanName: p?.name ?? '',
      certificate: { serial: f.serial, subject: f.subject, notBefore: f.from, notAfter: f.to },
      reasons: form === '04' ? undefined : reasons,
      stopFrom: form === '06' ? f.stopFrom : undefined,
    });
    if (!r.ok) {
      const problems = (r.error.details as { problems?: { field?: string; message: string; messageEn?: string }[] } | undefined)?.problems ?? [];
      return setMsg([errorText(r.error, lang), ...problems.map((x) => `${x.field}: ${lang === 'en' ? (x.messageEn ?? x.message) : x.message}`)].join(' · '));
    }
    setMsg(null);
    download(r.value.file.name, r.value.file.base64);
    await load();
  };

  const input = (k: keyof typeof f, label: string) => (
    <label key={k}>
      {label}
      <input value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} data-testid={`reg-${k}`} />
    </label>
  );

  return (
    <div className="ivan-registrations" data-testid="ivan-registrations">
      <h4>{t('registrations')}</h4>
      {regs.length === 0 ? (
        <p>{t('noRegistrations')}</p>
      ) : (
        <table className="grid">
          <thead><tr><th>{t('form')}</th><th>{t('provider')}</th><th>{t('state')}</th></tr></thead>
          <tbody>
            {regs.map((r) => (
              <tr key={r.id}><td>{t(`f${r.form}`)}</td><td>{r.providerCode}</td><td>{r.state ?? (r.signed ? t('signedNotSent') : t('notSent'))}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <label>
        {t('form')}{' '}
        <select value={form} onChange={(e) => setForm(e.target.value as '04' | '05' | '06')} data-testid="reg-form">
          <option value="04">{t('f04')}</option>
          <option value="05">{t('f05')}</option>
          <option value="06">{t('f06')}</option>
        </select>
      </label>
      <div className="form-grid">
        {input('unitName', t('unitName'))}
        {input('address', t('address'))}
        {input('email', t('email'))}
        {input('phone', t('phone'))}
        {input('serial', t('certSerial'))}
        {input('subject', t('certSubject'))}
        {input('from', t('certFrom'))}
        {input('to', t('certTo'))}
        {form === '06' && input('stopFrom', t('stopFrom'))}
      </div>
      {form !== '04' && (
        <fieldset>
          <legend>{t('reasons')}</legend>
          {Object.entries(STOP_REASON_LABELS).map(([k, v]) => (
            <label key={k}>
              <input type="checkbox" checked={reasons.includes(Number(k))} onChange={(e) => setReasons(e.target.checked ? [...reasons, Number(k)] : reasons.filter((x) => x !== Number(k)))} />
              {lang === 'en' ? v.en : v.vi}
            </label>
          ))}
        </fieldset>
      )}
      <button type="button" onClick={() => void build()} data-testid="reg-build">{t('build')}</button>
      {msg && <p className="error" role="alert">{msg}</p>}
    </div>
  );
}
