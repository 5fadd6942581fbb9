import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import type { Output } from '../../../shared/contract';
import type { DossierSummary } from '../../../shared/contract/declarations';
import type { SignerSpecInput } from '../../../shared/contract/signing';
import { signingMessages } from './messages';
import { SignAttempt } from './SignAttempt';
import { useLastDossier } from '../../app/stores';
import { formatDateTimeVN, vietnamParts } from '../../../shared/format';

/** True when the period (mm/yyyy) starts after the month of `now` in Vietnam time. */
function periodAfter(period: string, now: Date): boolean {
  const [mm, yyyy] = period.split('/').map(Number) as [number, number];
  const vn = vietnamParts(now);
  return yyyy * 12 + mm > vn.year * 12 + vn.month;
}

/** "Ký hồ sơ": a stored draft dossier → each form signed, wrapped, envelope signed, state "đã ký". */
export function DossierSignPanel() {
  const { t, lang } = useMessages(signingMessages);
  const [dossiers, setDossiers] = useState<DossierSummary[]>([]);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [result, setResult] = useState<Output<'signing.signDossier'> | null>(null);

  const last = useLastDossier((s) => s.id);
  const setLast = useLastDossier((s) => s.set);
  const [now, setNow] = useState<Date | null>(null);
  const load = useCallback(async () => {
    const r = await api.call('dossier.list', { state: 'draft' });
    if (r.ok) {
      setDossiers(r.value.dossiers);
      // The dossier the clerk came from (opened in Kê khai) first.
      setChosen((c) => c || (r.value.dossiers.some((d) => d.id === last) ? last! : r.value.dossiers[0]?.id || ''));
    }
  }, [last]);
  useEffect(() => {
    void load();
    void api.call('system.info', {}).then((r) => r.ok && setNow(new Date(r.value.now)));
  }, [load]);
  const current = dossiers.find((d) => d.id === chosen);
  const late = current && now ? periodAfter(current.period, now) : false;

  // One signing at a time: "Ký" clicked twice opens the token once (the ref holds between renders).
  const signing = useRef(false);
  const run = async (spec: SignerSpecInput, override?: { reason: string }) => {
    if (signing.current) return;
    signing.current = true;
    setBusy(true);
    setError(null);
    setResult(null);
    const r = await api.call('signing.signDossier', { dossierId: chosen, signer: spec, mstOverride: override });
    signing.current = false;
    setBusy(false);
    if (r.ok) {
      setResult(r.value);
      setMismatch(false);
      setLast(chosen);
      setChosen('');
      void load();
    } else {
      setError(errorText(r.error, lang));
      setMismatch(r.error.code === 'MST_MISMATCH');
    }
  };

  return (
    <div data-testid="signing-dossier">
      <p>{t('dossierHint')}</p>
      {!dossiers.length && <p>{t('noDrafts')}</p>}
      {dossiers.length > 0 && (
        <label className="field">
          {t('dossier')}
          <select data-testid="sign-dossier-choice" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            {dossiers.map((d) => (
              <option key={d.id} value={d.id}>
                {d.unitCode} — {d.period} ({t('batch')} {d.batch}) — {d.rowCount} {t('rows')}
              </option>
            ))}
          </select>
        </label>
      )}
      {late && current && now && (
        <p className="warning" role="alert" data-testid="sign-period-warning">
          {t('periodAfterClock', { period: current.period, now: formatDateTimeVN(now) })}
        </p>
      )}
      <SignAttempt
        testIdPrefix="sign-dossier"
        busy={busy}
        blocked={chosen ? null : t('whyNoDossier')}
        submitLabel={t('signDossier')}
        error={error}
        mismatch={mismatch}
        onSign={(spec, override) => void run(spec, override)}
      />
      {result && (
        <div className="card" data-testid="sign-dossier-result">
          <p className="success">{t('signed', { signer: result.signer, mst: result.mst ?? '—' })}</p>
          <p>
            {result.files.map((f) => f.fileName).join(', ')} + BHXHDienTu.xml — SHA-256 <code>{result.sha256}</code>
          </p>
          {result.notice && (
            <p className="warning" data-testid="sign-dossier-paper-notice">
              {result.notice}
            </p>
          )}
          {result.warnings.map((w) => (
            <p key={w} className="warning">
              {w}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
