import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useMessages } from '../../i18n';
import type { Output } from '../../../shared/contract';
import type { SignerSpecInput } from '../../../shared/contract/signing';
import { signingMessages } from './messages';

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
  const isTestCert = choice === 'test-cert';
  const submit = () => {
    const spec: SignerSpecInput = isTestCert
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
      {/* The test certificate's file password, or the token's PIN (typed on the reader when it has a PIN pad). */}
      <label className="field">
        {isTestCert ? (
          t('password')
        ) : (
          <>
            {t('pin')} <small>({selected?.pinPad ? t('pinPad') : t('pinHint')})</small>
          </>
        )}
        <input
          type="password"
          autoComplete="off"
          inputMode={isTestCert ? undefined : 'numeric'}
          data-testid={isTestCert ? 'signer-password' : 'signer-pin'}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
      </label>
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
