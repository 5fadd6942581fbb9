import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import type { Output } from '../../../shared/contract';
import type { SignerSpecInput } from '../../../shared/contract/signing';
import { signingMessages } from './messages';
import { readFileBlob, saveBlob } from '../../api/files';

interface CertChoice {
  key: string;
  label: string;
  library: string;
  tokenSerial: string;
  certSerial: string;
  pinPad: boolean;
}

/**
 * Choosing a signer and entering the PIN. The PIN lives in this component only until the call returns; it is
 * cleared after every attempt (a wrong PIN is never retried automatically: the clerk types it again).
 * `onSigner` receives the spec once, for callers (the declarations page) that sign a whole dossier.
 */
export function SignerPicker({
  onSubmit,
  busy,
  submitLabel,
  blocked,
}: {
  onSubmit: (spec: SignerSpecInput) => void;
  busy: boolean;
  submitLabel: string;
  blocked?: string | null;
}) {
  const { t } = useMessages(signingMessages);
  const [choices, setChoices] = useState<CertChoice[]>([]);
  const [testCert, setTestCert] = useState<Output<'signing.tokens'>['testCert'] | null>(null);
  const [choice, setChoice] = useState<string>('');
  const [secret, setSecret] = useState('');
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    void api.call('signing.tokens', {}).then((r) => {
      if (!r.ok) return;
      const list: CertChoice[] = [];
      for (const l of r.value.libraries)
        for (const tk of l.tokens)
          for (const c of tk.certificates)
            if (c.canSign && c.validity === 'valid')
              list.push({
                key: `${l.path}|${tk.serial}|${c.serial}`,
                label: `${c.subjectCN} — MST ${c.mst ?? '?'} — ${tk.label}`,
                library: l.path,
                tokenSerial: tk.serial,
                certSerial: c.serial,
                pinPad: tk.protectedAuthenticationPath,
              });
      setChoices(list);
      setTestCert(r.value.testCert);
      setChoice((cur) => cur || list[0]?.key || (r.value.testCert.expired ? '' : 'test-cert'));
      setLoaded(true);
    });
  }, []);

  const selected = choices.find((c) => c.key === choice);
  const submit = () => {
    const spec: SignerSpecInput =
      choice === 'test-cert'
        ? { kind: 'test-cert', password: secret }
        : {
            kind: 'pkcs11',
            library: selected!.library,
            tokenSerial: selected!.tokenSerial,
            certSerial: selected!.certSerial,
            pin: secret || undefined,
          };
    setSecret('');
    onSubmit(spec);
  };

  // A disabled button always says why and what to do.
  const noCert = loaded && choices.length === 0 && (!testCert || testCert.expired);
  const why = busy
    ? null
    : blocked
      ? blocked
      : noCert
        ? t('whyNoCert')
        : !choice
          ? t('whyChooseCert')
          : !secret && !selected?.pinPad
            ? t('whyNoPin')
            : null;
  const disabled = busy || Boolean(blocked) || !choice || (!secret && !selected?.pinPad);

  return (
    <form
      className="form-grid"
      data-testid="signer-picker"
      onSubmit={(e) => {
        // Enter in the PIN or password field signs.
        e.preventDefault();
        if (!disabled) submit();
      }}
    >
      <label className="field">
        {t('signWith')}
        <select data-testid="signer-choice" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t('chooseCert')}</option>
          {choices.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
          {testCert && !testCert.expired && <option value="test-cert">{t('useTestCert')}</option>}
        </select>
      </label>
      {choice === 'test-cert' ? (
        <label className="field">
          {t('password')}
          <input
            type="password"
            autoComplete="off"
            data-testid="signer-password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </label>
      ) : (
        <label className="field">
          {t('pin')} <small>({selected?.pinPad ? t('pinPad') : t('pinHint')})</small>
          <input
            type="password"
            autoComplete="off"
            inputMode="numeric"
            data-testid="signer-pin"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </label>
      )}
      <div className="actions">
        <button
          type="submit"
          data-testid="signer-submit"
          disabled={disabled}
          aria-describedby={why ? 'signer-why' : undefined}
        >
          {submitLabel}
        </button>
        {why && (
          <p className="disabled-why" id="signer-why" data-testid="signer-why">
            {why}
          </p>
        )}
      </div>
    </form>
  );
}

/** Sign one uploaded XML file into its Cky/CKy_Dvi and download the result. */
export function SignDialog() {
  const { t, lang } = useMessages(signingMessages);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [unitMst, setUnitMst] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState<SignerSpecInput | null>(null);
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<Output<'signing.sign'> | null>(null);

  const run = async (spec: SignerSpecInput, override?: { reason: string }) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    const r = await api.call('signing.sign', {
      file,
      signer: spec,
      unitMst: unitMst.trim() || undefined,
      mstOverride: override,
    });
    setBusy(false);
    if (r.ok) {
      setResult(r.value);
      setMismatch(null);
    } else if (r.error.code === 'MST_MISMATCH' && !override) {
      setError(errorText(r.error, lang));
      setMismatch({ ...spec }); // the override needs the PIN again: the spec is kept, the PIN field was cleared
    } else setError(errorText(r.error, lang));
  };

  return (
    <div data-testid="signing-sign">
      <p>{t('signHint')}</p>
      <label>
        {t('chooseFile')}{' '}
        <input
          type="file"
          accept=".xml"
          data-testid="sign-file"
          onChange={async (e) => setFile(e.target.files?.[0] ? await readFileBlob(e.target.files[0]) : null)}
        />
      </label>
      <label className="field">
        {t('unitMst')}{' '}
        <input data-testid="sign-unit-mst" value={unitMst} onChange={(e) => setUnitMst(e.target.value)} />
      </label>
      <SignerPicker
        busy={busy}
        blocked={file ? null : t('chooseFile')}
        submitLabel={t('sign')}
        onSubmit={(spec) => void run(spec)}
      />
      {busy && <p aria-live="polite">{t('signing')}</p>}
      {error && (
        <p className="error" role="alert" data-testid="sign-error">
          {error}
        </p>
      )}
      {mismatch && (
        <div className="card" data-testid="sign-mst-override">
          <p>{t('mstMismatch')}</p>
          <input
            data-testid="sign-override-reason"
            placeholder={t('overrideReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <SignerPicker
            busy={busy || reason.trim().length < 3}
            submitLabel={t('confirmOverride')}
            onSubmit={(spec) => void run(spec, { reason: reason.trim() })}
          />
          <button type="button" onClick={() => setMismatch(null)}>
            {t('cancel')}
          </button>
        </div>
      )}
      {result && (
        <div className="card" data-testid="sign-result">
          <p className="success">{t('signed', { signer: result.signer, mst: result.mst ?? '—' })}</p>
          {result.notice && (
            <p className="warning" data-testid="sign-paper-notice">
              {result.notice}
            </p>
          )}
          {result.warnings.map((w) => (
            <p key={w} className="warning">
              {w}
            </p>
          ))}
          <button type="button" data-testid="sign-download" onClick={() => saveBlob(result.file, 'application/xml')}>
            {t('download')}
          </button>
        </div>
      )}
    </div>
  );
}
