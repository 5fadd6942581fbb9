import { useState } from 'react';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import type { VerifyReportOutput } from '../../../shared/contract/signing';
import { signingMessages } from './messages';
import { readFileBlob } from '../../api/files';
import { formatDateTimeVN } from '../../../shared/format';

/** "Kiểm tra hồ sơ": upload a signed file, see the envelope and every form with digest and signature apart. */
export function VerifyPanel() {
  const { t, lang } = useMessages(signingMessages);
  const [report, setReport] = useState<VerifyReportOutput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    const r = await api.call('signing.verify', { file: await readFileBlob(file) });
    setBusy(false);
    if (r.ok) setReport(r.value);
    else setError(errorText(r.error, lang));
  };
  const yn = (b: boolean | null) => (b === null ? '—' : b ? t('ok') : t('bad'));

  return (
    <div data-testid="signing-verify">
      <p>{t('verifyHint')}</p>
      <label>
        {t('chooseFile')} <input type="file" accept=".xml,application/xml,text/xml" data-testid="verify-file" onChange={(e) => void onFile(e.target.files?.[0])} />
      </label>
      {busy && <p aria-live="polite">{t('verifying')}</p>}
      {error && <p className="error" role="alert" data-testid="verify-error">{error}</p>}
      {report && (
        <>
          {/* Three verdicts (issue #12): trusted; intact but the issuer is not verified; invalid. */}
          <h3 className={!report.valid ? 'error' : report.trusted ? 'success' : 'warning'} data-testid="verify-overall" data-state={!report.valid ? 'invalid' : report.trusted ? 'trusted' : 'untrusted'}>
            {!report.valid ? t('overallInvalid') : report.trusted ? t('overallValid') : t('overallUntrusted')}
          </h3>
          {report.valid && !report.trusted && <p className="hint">{t('overallUntrustedHint')}</p>}
          <p className="hint">{t('revocation')}</p>
          <table className="grid" data-testid="verify-table">
            <thead>
              <tr>
                <th>{t('file')}</th>
                <th>{t('result')}</th>
                <th>{t('digest')}</th>
                <th>{t('signature')}</th>
                <th>{t('signer')}</th>
                <th>{t('mst')}</th>
                <th>{t('signingTime')}</th>
                <th>{t('judgedAt')}</th>
                <th>{t('certAtSigning')}</th>
                <th>{t('chain')}</th>
                <th>{t('reason')}</th>
              </tr>
            </thead>
            <tbody>
              {report.files.map((f, i) => (
                <tr key={i} data-testid="verify-row" data-state={f.state} className={f.valid ? '' : 'row-invalid'}>
                  <td>{f.name}</td>
                  <td className={f.state === 'trusted' ? 'success' : f.state === 'untrusted' ? 'warning' : 'error'}>{f.state === 'trusted' ? t('ok') : f.state === 'untrusted' ? t('untrusted') : t('bad')}</td>
                  <td>{yn(f.digestValid)}</td>
                  <td>{yn(f.signatureValid)}</td>
                  <td>{f.signer ?? '—'}</td>
                  <td>{f.mst ?? '—'}</td>
                  <td>{f.signingTime ? formatDateTimeVN(new Date(f.signingTime), { seconds: true }) : '—'}</td>
                  <td>{f.judgedAt ? `${formatDateTimeVN(new Date(f.judgedAt), { seconds: true })} (${f.timeSource === 'signed-time' ? t('judgedSigned') : t('judgedReceipt')})` : '—'}</td>
                  <td>{yn(f.certValidAtSigningTime)}</td>
                  <td>{f.chain.length ? f.chain.map((c) => c.subject.replace(/^.*CN=([^,]+).*$/, '$1')).join(' ← ') : '—'}</td>
                  <td>{lang === 'en' ? f.reasonEn : f.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
