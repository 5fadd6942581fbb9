import { useState } from 'react';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import type { Output } from '../../../shared/contract';
import type { SignerSpecInput } from '../../../shared/contract/signing';
import { signingMessages } from './messages';
import { readFileBlob, saveBlob } from '../../api/files';
import { SignAttempt } from './SignAttempt';

/** Sign one uploaded XML file into its Cky/CKy_Dvi and download the result. */
export function SignDialog() {
  const { t, lang } = useMessages(signingMessages);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [unitMst, setUnitMst] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState(false);
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
      setMismatch(false);
    } else if (r.error.code === 'MST_MISMATCH' && !override) {
      setError(errorText(r.error, lang));
      setMismatch(true); // the override card asks for a reason and the PIN again (the PIN field was cleared)
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
          onChange={async (e) => {
            const picked = e.target.files?.[0];
            const read = picked ? await readFileBlob(picked) : null;
            setError(read && !read.ok ? errorText(read.error, lang) : null);
            setFile(read?.ok ? read.value : null);
          }}
        />
      </label>
      <label className="field">
        {t('unitMst')}{' '}
        <input data-testid="sign-unit-mst" value={unitMst} onChange={(e) => setUnitMst(e.target.value)} />
      </label>
      <SignAttempt
        testIdPrefix="sign"
        busy={busy}
        blocked={file ? null : t('chooseFile')}
        submitLabel={t('sign')}
        error={error}
        mismatch={mismatch}
        onSign={(spec, override) => void run(spec, override)}
        onCancelOverride={() => setMismatch(false)}
      />
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
