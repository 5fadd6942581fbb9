import { useState } from 'react';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import type { VerifyReportOutput } from '../../../shared/contract/signing';
import { signingMessages } from './messages';
import { readFileBlob } from '../../api/files';
import { formatDateTimeVN } from '../../../shared/format';
import { DataTable } from '../../components/DataTable';

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
    const blob = await readFileBlob(file);
    const r = blob.ok ? await api.call('signing.verify', { file: blob.value }) : blob;
    setBusy(false);
    if (r.ok) setReport(r.value);
    else setError(errorText(r.error, lang));
  };
  const yn = (b: boolean | null) => (b === null ? '—' : b ? t('ok') : t('bad'));

  return (
    <div data-testid="signing-verify">
      <p>{t('verifyHint')}</p>
      <label>
        {t('chooseFile')}{' '}
        <input
          type="file"
          accept=".xml,application/xml,text/xml"
          data-testid="verify-file"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </label>
      {busy && <p aria-live="polite">{t('verifying')}</p>}
      {error && (
        <p className="error" role="alert" data-testid="verify-error">
          {error}
        </p>
      )}
      {report && (
        <>
          {/* Three verdicts (issue #12): trusted; intact but the issuer is not verified; invalid. */}
          <h3
            className={!report.valid ? 'error' : report.trusted ? 'success' : 'warning'}
            data-testid="verify-overall"
            data-state={!report.valid ? 'invalid' : report.trusted ? 'trusted' : 'untrusted'}
          >
            {!report.valid ? t('overallInvalid') : report.trusted ? t('overallValid') : t('overallUntrusted')}
          </h3>
          {report.valid && !report.trusted && <p className="hint">{t('overallUntrustedHint')}</p>}
          <p className="hint">{t('revocation')}</p>
          <DataTable
            testId="verify-table"
            rows={report.files}
            rowKey={(_f, i) => i}
            rowTestId="verify-row"
            rowData={(f) => ({ 'data-state': f.state })}
            rowClassName={(f) => (f.valid ? '' : 'row-invalid')}
            columns={[
              { header: t('file'), cell: (f) => f.name },
              {
                header: t('result'),
                className: (f) => (f.state === 'trusted' ? 'success' : f.state === 'untrusted' ? 'warning' : 'error'),
                cell: (f) => (f.state === 'trusted' ? t('ok') : f.state === 'untrusted' ? t('untrusted') : t('bad')),
              },
              { header: t('digest'), cell: (f) => yn(f.digestValid) },
              { header: t('signature'), cell: (f) => yn(f.signatureValid) },
              { header: t('signer'), cell: (f) => f.signer ?? '—' },
              { header: t('mst'), cell: (f) => f.mst ?? '—' },
              {
                header: t('signingTime'),
                cell: (f) => (f.signingTime ? formatDateTimeVN(new Date(f.signingTime), { seconds: true }) : '—'),
              },
              {
                header: t('judgedAt'),
                cell: (f) =>
                  f.judgedAt
                    ? `${formatDateTimeVN(new Date(f.judgedAt), { seconds: true })} (${f.timeSource === 'signed-time' ? t('judgedSigned') : t('judgedReceipt')})`
                    : '—',
              },
              { header: t('certAtSigning'), cell: (f) => yn(f.certValidAtSigningTime) },
              {
                header: t('chain'),
                cell: (f) =>
                  f.chain.length ? f.chain.map((c) => c.subject.replace(/^.*CN=([^,]+).*$/, '$1')).join(' ← ') : '—',
              },
              { header: t('reason'), cell: (f) => (lang === 'en' ? f.reasonEn : f.reason) },
            ]}
          />
        </>
      )}
    </div>
  );
}
