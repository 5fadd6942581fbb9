import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import type { Output } from '../../../shared/contract';
import type { CertificateReport, LibraryReport } from '../../../shared/contract/signing';
import { signingMessages } from './messages';
import { formatDateVN } from '../../../shared/format';
import { DataTable } from '../../components/DataTable';

type Tokens = Output<'signing.tokens'>;

/** "Kiểm tra chữ ký số": every library, token and certificate, with what is wrong in plain words. */
export function SigningDoctor() {
  const { t, lang } = useMessages(signingMessages);
  const [data, setData] = useState<Tokens | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [path, setPath] = useState('');

  const load = useCallback(async () => {
    setBusy(true);
    setError(null);
    const r = await api.call('signing.tokens', {});
    setBusy(false);
    if (r.ok) setData(r.value);
    else setError(errorText(r.error, lang));
  }, [lang]);

  useEffect(() => {
    void load();
  }, [load]);

  const add = async () => {
    const r = await api.call('signing.addLibrary', { path });
    if (!r.ok) return setError(errorText(r.error, lang));
    setPath('');
    await load();
  };
  const remove = async (p: string) => {
    await api.call('signing.removeLibrary', { path: p });
    await load();
  };

  return (
    <div data-testid="signing-doctor">
      <div className="toolbar">
        <button type="button" data-testid="signing-refresh" onClick={() => void load()} disabled={busy}>
          {t('refresh')}
        </button>
        {busy && <span aria-live="polite">{t('checking')}</span>}
      </div>
      {error && (
        <p className="error" role="alert" data-testid="signing-error">
          {error}
        </p>
      )}
      {data && !data.libraries.length && (
        <p className="warning" data-testid="signing-no-libraries">
          {t('noLibraries')}
        </p>
      )}
      {data?.libraries.map((l) => (
        <LibraryCard key={l.path} lib={l} onRemove={l.source === 'user' ? () => void remove(l.path) : undefined} />
      ))}
      <div className="toolbar">
        <label>
          {t('addLibraryPath')}{' '}
          <input
            data-testid="signing-library-path"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            size={60}
            placeholder="C:\Windows\System32\vnpt-ca_csp11.dll"
          />
        </label>
        <button type="button" data-testid="signing-library-add" disabled={!path.trim()} onClick={() => void add()}>
          {t('addLibrary')}
        </button>
      </div>
      {data && (
        <section className="card" data-testid="signing-test-cert">
          <h3>{t('testCert')}</h3>
          <p className={data.testCert.expired ? 'warning' : ''}>
            {data.testCert.expired ? t('testCertExpired') : t('testCertUsable')}
          </p>
        </section>
      )}
    </div>
  );
}

function LibraryCard({ lib, onRemove }: { lib: LibraryReport; onRemove?: () => void }) {
  const { t, lang } = useMessages(signingMessages);
  return (
    <section className="card" data-testid="signing-library">
      <h3>
        {lib.vendor} <code>{lib.path}</code> {lib.bits ? `(${lib.bits}-bit)` : ''}
        {onRemove && (
          <button type="button" onClick={onRemove}>
            {t('remove')}
          </button>
        )}
      </h3>
      {lib.bits === 32 && <p className="error">{t('bits32')}</p>}
      {lib.error && (
        <p className="error" data-testid="signing-library-error">
          {lang === 'en' ? lib.error.messageEn : lib.error.message}
        </p>
      )}
      {lib.loaded && !lib.tokens.length && <p>{t('noToken')}</p>}
      {lib.tokens.map((tk) => (
        <div key={tk.serial + tk.label} data-testid="signing-token">
          <p>
            <strong>
              {t('token')} “{tk.label}”
            </strong>{' '}
            — {t('serial')} {tk.serial} — {t('manufacturer')} {tk.manufacturer} {tk.model}
            {tk.protectedAuthenticationPath && <> — {t('pinPad')}</>}
          </p>
          {tk.pinState === 'few-tries-left' && <p className="warning">{t('pinFew')}</p>}
          {tk.pinState === 'final-try' && <p className="error">{t('pinFinal')}</p>}
          {tk.pinState === 'locked' && <p className="error">{t('pinLocked')}</p>}
          {tk.certificates.length > 0 && <CertTable certs={tk.certificates} />}
        </div>
      ))}
    </section>
  );
}

export function CertTable({ certs }: { certs: CertificateReport[] }) {
  const { t } = useMessages(signingMessages);
  const pk = (c: CertificateReport) =>
    c.privateKey === 'match-id'
      ? t('pkMatch')
      : c.privateKey === 'match-modulus'
        ? t('pkModulus')
        : c.privateKey === 'needs-login'
          ? t('pkLogin')
          : t('pkPair');
  return (
    <DataTable
      rows={certs}
      rowKey={(c) => c.serial}
      rowTestId="signing-cert"
      columns={[
        { header: t('certificate'), cell: (c) => c.subjectCN },
        { header: t('mst'), testId: 'signing-cert-mst', cell: (c) => c.mst ?? '—' },
        { header: t('issuer'), cell: (c) => c.issuer },
        { header: t('serial'), cell: (c) => <code>{c.serial}</code> },
        {
          header: t('validity'),
          cell: (c) => (
            <>
              {formatDateVN(new Date(c.notBefore))} – {formatDateVN(new Date(c.notAfter))}{' '}
              <span className={c.validity === 'valid' ? (c.expiryWarningDays ? 'warning' : 'success') : 'error'}>
                {c.validity === 'valid'
                  ? c.expiryWarningDays
                    ? t('expiresIn', { days: c.daysLeft })
                    : t('valid')
                  : c.validity === 'expired'
                    ? t('expired')
                    : t('notYetValid')}
              </span>
            </>
          ),
        },
        { header: t('keyUsage'), cell: (c) => c.keyUsage?.join(', ') ?? '—' },
        { header: t('privateKey'), cell: pk },
      ]}
    />
  );
}
