import { useCallback, useEffect, useState } from 'react';
import { stateLabel } from '../../../shared/ivan/state-labels';
import type { Output } from '../../../shared/contract';
import type { SignerSpecInput } from '../../../shared/contract/signing';
import { formatDateTimeVN, formatDateVN } from '../../../shared/format';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { errorText, useMessages } from '../../i18n';
import { SignerPicker } from '../signing/SignerPicker';
import { ivanSettingsMessages, STOP_REASON_LABELS } from './ivan-messages';

type Providers = Output<'ivan.providers'>['providers'];
type Reg = Output<'ivan.registrations'>[number];
interface Cert {
  key: string;
  label: string;
  serial: string;
  subject: string;
  from: string;
  to: string;
}

const FIELDS = ['unitName', 'address', 'place', 'email', 'phone'] as const;
type Field = (typeof FIELDS)[number] | 'stopFrom';

const dmy = (iso: string) => (iso && !Number.isNaN(new Date(iso).getTime()) ? formatDateVN(new Date(iso)) : '');

/**
 * Registration 04/ĐK-IVAN, 05/SĐ-IVAN, 06/NG-IVAN of the chosen unit: filled from the unit and its certificate, one row
 * per form with its state, built → signed (same signer picker as dossiers) → submitted to the unit's I-VAN.
 */
export function RegistrationPanel({
  unitCode,
  providers,
  providerCode,
}: {
  unitCode: string;
  providers: Providers;
  providerCode: string;
}) {
  const { t, lang } = useMessages(ivanSettingsMessages);
  const [regs, setRegs] = useState<Reg[]>([]);
  const [unitLabel, setUnitLabel] = useState(unitCode);
  const [form, setForm] = useState<'04' | '05' | '06'>('04');
  const [f, setF] = useState<Record<Field, string>>({
    unitName: '',
    address: '',
    place: '',
    email: '',
    phone: '',
    stopFrom: '',
  });
  const [certs, setCerts] = useState<Cert[]>([]);
  const [cert, setCert] = useState('');
  const [reasons, setReasons] = useState<number[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [signing, setSigning] = useState<Reg | null>(null);
  const [asking, setAsking] = useState<Reg | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmSubmit, setConfirmSubmit] = useState(true);
  const provider = providers.find((x) => x.code === providerCode);

  const load = useCallback(async () => {
    const r = await api.call('ivan.registrations', { unitCode });
    if (r.ok) setRegs(r.value);
  }, [unitCode]);
  useEffect(() => void load(), [load]);

  useEffect(() => {
    // The form starts from the unit's record: the clerk checks it rather than types it again.
    void api.call('unit.get', { code: unitCode }).then((r) => {
      if (!r.ok) return;
      const u = r.value;
      setUnitLabel(`${u.code} – ${u.name}`);
      setF((cur) => ({
        ...cur,
        unitName: u.name,
        address: u.address ?? '',
        place: (u.address ?? '').split(',').pop()?.trim() ?? '',
        email: u.email ?? '',
        phone: u.phone ?? '',
      }));
    });
    void api.call('settings.get', {}).then((r) => r.ok && setConfirmSubmit(r.value['ui.confirmSubmit']));
    void api.call('signing.tokens', {}).then((r) => {
      if (!r.ok) return;
      const list: Cert[] = [];
      for (const l of r.value.libraries)
        for (const tk of l.tokens)
          for (const c of tk.certificates)
            if (c.canSign && c.validity === 'valid')
              list.push({
                key: c.serial,
                label: `${c.subjectCN} — MST ${c.mst ?? '?'}`,
                serial: c.serial,
                subject: c.subject,
                from: dmy(c.notBefore),
                to: dmy(c.notAfter),
              });
      const tc = r.value.testCert;
      if (tc.available && !tc.expired)
        list.push({
          key: 'test-cert',
          label: '',
          serial: tc.serial,
          subject: tc.subject,
          from: '',
          to: dmy(tc.notAfter),
        });
      setCerts(list);
      setCert((c) => c || list[0]?.key || '');
    });
  }, [unitCode]);

  const build = async () => {
    const c = certs.find((x) => x.key === cert);
    // formatDateVN reads the instant in Vietnam time itself.
    const today = new Date();
    const info = await api.call('system.info', {});
    const date = formatDateVN(info.ok ? new Date(info.value.now) : today);
    const r = await api.call('ivan.registrationBuild', {
      form,
      place: f.place.trim(),
      date,
      unitName: f.unitName.trim(),
      unitCode,
      address: f.address.trim(),
      email: f.email.trim(),
      phone: f.phone.trim(),
      procedures: ['600'],
      ivanCode: providerCode,
      ivanName: provider?.name ?? '',
      certificate: {
        serial: c?.serial ?? '',
        subject: c?.subject ?? '',
        notBefore: c?.from ?? '',
        notAfter: c?.to ?? '',
      },
      reasons: form === '04' ? undefined : reasons,
      stopFrom: form === '06' ? f.stopFrom : undefined,
    });
    if (!r.ok) {
      // Each problem beside its field, in the clerk's language.
      const problems =
        (r.error.details as { problems?: { field?: string; message: string; messageEn?: string }[] } | undefined)
          ?.problems ?? [];
      const byField: Record<string, string> = {};
      for (const p of problems) {
        const k = p.field === 'certificate.serial' ? 'certificate' : (p.field ?? '');
        byField[k] = lang === 'en' ? (p.messageEn ?? p.message) : p.message;
      }
      setErrors(byField);
      return setMsg({ ok: false, text: problems.length ? t('fixFields') : errorText(r.error, lang) });
    }
    setErrors({});
    setMsg({ ok: true, text: t('built', { form: t(`f${form}`) }) });
    await load();
  };

  const sign = async (reg: Reg, spec: SignerSpecInput) => {
    setBusy(true);
    const r = await api.call('ivan.registrationSign', { id: reg.id, signer: spec });
    setBusy(false);
    setMsg(r.ok ? { ok: true, text: t('signedOk') } : { ok: false, text: errorText(r.error, lang) });
    if (r.ok) setSigning(null);
    await load();
  };

  const submit = async (reg: Reg) => {
    setAsking(null);
    setBusy(true);
    const r = await api.call('ivan.registrationSubmit', { id: reg.id, unitCode });
    setBusy(false);
    setMsg(r.ok ? { ok: true, text: t('submitted') } : { ok: false, text: errorText(r.error, lang) });
    await load();
  };

  const input = (k: Field, label: string) => (
    <label key={k} className="field">
      {label}
      <input
        value={f[k]}
        onChange={(e) => setF({ ...f, [k]: e.target.value })}
        aria-invalid={errors[k] ? true : undefined}
        data-testid={`reg-${k}`}
      />
      {errors[k] && (
        <span className="error" data-testid={`reg-${k}-error`}>
          {errors[k]}
        </span>
      )}
    </label>
  );

  return (
    <div className="ivan-registrations" data-testid="ivan-registrations">
      <h4>{t('forUnit', { unit: unitLabel })}</h4>
      <p data-testid="reg-provider">{t('providerOfUnit', { provider: `${providerCode} — ${provider?.name ?? ''}` })}</p>
      <DataTable
        testId="reg-table"
        rows={regs}
        rowKey={(r) => r.id}
        empty={t('noRegistrations')}
        rowTestId="reg-row"
        rowData={(r) => ({ 'data-status': r.status })}
        columns={[
          { header: t('form'), cell: (r) => t(`f${r.form}`) },
          {
            header: t('provider'),
            cell: (r) => `${r.providerCode} ${providers.find((p) => p.code === r.providerCode)?.shortName ?? ''}`,
          },
          { header: t('state'), testId: 'reg-status', cell: (r) => stateLabel(r.status, lang) },
          { header: t('createdAt'), cell: (r) => formatDateTimeVN(new Date(r.createdAt)) },
          {
            header: t('actions'),
            cell: (r) => (
              <>
                {r.status === 'built' && (
                  <button type="button" data-testid="reg-sign" onClick={() => setSigning(r)}>
                    {t('sign')}
                  </button>
                )}
                {r.status === 'signed' && (
                  <button
                    type="button"
                    data-testid="reg-submit"
                    disabled={busy}
                    onClick={() => (confirmSubmit ? setAsking(r) : void submit(r))}
                  >
                    {t('submit')}
                  </button>
                )}
              </>
            ),
          },
        ]}
      />
      {signing && (
        <div className="card" data-testid="reg-signer">
          <h5>{t('signHere', { form: t(`f${signing.form}`) })}</h5>
          <SignerPicker busy={busy} submitLabel={t('sign')} onSubmit={(spec) => void sign(signing, spec)} />
        </div>
      )}
      {asking && (
        <ConfirmDialog
          testId="reg-confirm"
          title={t('confirmTitle')}
          yes={t('confirmYes')}
          no={t('confirmNo')}
          onYes={() => void submit(asking)}
          onNo={() => setAsking(null)}
        >
          <p>
            {t('confirmBody', {
              form: t(`f${asking.form}`),
              unit: unitLabel,
              provider: `${providerCode} — ${provider?.name ?? ''}`,
            })}
          </p>
        </ConfirmDialog>
      )}
      <label className="field">
        {t('form')}
        <select value={form} onChange={(e) => setForm(e.target.value as '04' | '05' | '06')} data-testid="reg-form">
          <option value="04">{t('f04')}</option>
          <option value="05">{t('f05')}</option>
          <option value="06">{t('f06')}</option>
        </select>
      </label>
      <div className="form-grid reg-fields">
        {FIELDS.map((k) => input(k, t(k)))}
        <label className="field">
          {t('certificate')}
          <select
            value={cert}
            onChange={(e) => setCert(e.target.value)}
            aria-invalid={errors.certificate ? true : undefined}
            data-testid="reg-cert"
          >
            <option value="">{t('certNone')}</option>
            {certs.map((c) => (
              <option key={c.key} value={c.key}>
                {c.key === 'test-cert' ? t('certTest') : c.label}
              </option>
            ))}
          </select>
          {errors.certificate && (
            <span className="error" data-testid="reg-certificate-error">
              {errors.certificate}
            </span>
          )}
        </label>
        {form === '06' && input('stopFrom', t('stopFrom'))}
      </div>
      <p className="hint">{t('certHint')}</p>
      {form !== '04' && (
        <fieldset>
          <legend>{t('reasons')}</legend>
          {Object.entries(STOP_REASON_LABELS).map(([k, v]) => (
            <label key={k}>
              <input
                type="checkbox"
                checked={reasons.includes(Number(k))}
                onChange={(e) =>
                  setReasons(e.target.checked ? [...reasons, Number(k)] : reasons.filter((x) => x !== Number(k)))
                }
              />
              {lang === 'en' ? v.en : v.vi}
            </label>
          ))}
          {errors.reasons && <span className="error">{errors.reasons}</span>}
        </fieldset>
      )}
      <button type="button" onClick={() => void build()} data-testid="reg-build">
        {t('build')}
      </button>
      {msg && (
        <p className={msg.ok ? 'success' : 'error'} role={msg.ok ? 'status' : 'alert'} data-testid="reg-message">
          {msg.text}
        </p>
      )}
    </div>
  );
}
