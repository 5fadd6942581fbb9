import { useState } from 'react';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import type { Output } from '../../../shared/contract';
import type { SignerSpecInput } from '../../../shared/contract/signing';
import { signingMessages } from './messages';
import { readFileBlob, saveBlob } from '../../api/files';
import { MstOverrideCard } from './MstOverrideCard';
import { SignerPicker } from './SignerPicker';

/** Sign one uploaded XML file into its Cky/CKy_Dvi and download the result. */
export function SignDialog() {
  const { t, lang } = useMessages(signingMessages);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [unitMst, setUnitMst] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState<SignerSpecInput | null>(null);
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
        <MstOverrideCard
          testIdPrefix="sign"
          busy={busy}
          onConfirm={(spec, override) => void run(spec, override)}
          onCancel={() => setMismatch(null)}
        />
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
