import { useEffect, useState } from 'react';
import type { ColumnMapping, EmployeeField, ImportPreview, ImportResult } from '../../../shared/contract/roster';
import type { ProgressEvent } from '../../../shared/contract/common';
import { EMPLOYEE_FIELD_LABELS } from '../../../shared/identity/employee-labels';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { employeeMessages } from './messages';

type Step = 'pick' | 'mapping' | 'preview' | 'writing' | 'result';
const SHOWN_PROBLEMS = 500;

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * File → column mapping → preview of every problem → confirm → result. Nothing is written before "confirm"; the
 * commit re-reads the same bytes with the confirmed mapping and writes all valid rows in one transaction.
 */
export function ImportWizard({ unitCode, onDone }: { unitCode: string; onDone(changed: boolean): void }) {
  const { t, lang } = useMessages(employeeMessages);
  const [step, setStep] = useState<Step>('pick');
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);

  useEffect(() => {
    if (!busy) return;
    return api.onProgress((e) => {
      if (e.method.startsWith('roster.import')) setProgress(e);
    });
  }, [busy]);

  async function runPreview(f: { name: string; base64: string }, m?: ColumnMapping) {
    setBusy(true);
    setError(null);
    setProgress(null);
    const r = await api.call('roster.importPreview', { unitCode, file: f, mapping: m });
    setBusy(false);
    if (!r.ok) {
      setError(errorText(r.error, lang));
      const d = r.error.details as { headers?: string[]; mapping?: ColumnMapping } | undefined;
      if (d?.headers) {
        setPreview({ headers: d.headers, mapping: d.mapping ?? {}, unmapped: [], totalRows: 0, toInsert: 0, toUpdate: 0, rejectedRows: 0, problems: [], convertedCells: 0, sample: [] });
        setMapping(d.mapping ?? {});
        setStep('mapping');
      }
      return;
    }
    setPreview(r.value);
    setMapping(r.value.mapping);
    setStep(m ? 'preview' : 'mapping');
  }

  async function pick(e: React.ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    if (!f) return;
    const blob = { name: f.name, base64: toBase64(await f.arrayBuffer()) };
    setFile(blob);
    await runPreview(blob);
  }

  async function commit() {
    if (!file) return;
    setStep('writing');
    setBusy(true);
    const r = await api.call('roster.importCommit', { unitCode, file, mapping });
    setBusy(false);
    if (!r.ok) {
      setError(errorText(r.error, lang));
      setStep('preview');
      return;
    }
    setResult(r.value);
    setStep('result');
  }

  const steps: [Step, string][] = [['pick', t('stepPick')], ['mapping', t('stepMapping')], ['preview', t('stepPreview')], ['result', t('stepResult')]];
  return (
    <div className="wizard" data-testid="import-wizard" role="dialog" aria-label={t('wizardTitle')}>
      <h3>{t('wizardTitle')}</h3>
      <div className="steps">
        {steps.map(([s, label]) => (
          <span key={s} aria-current={step === s || (s === 'preview' && step === 'writing') ? 'step' : undefined}>{label}</span>
        ))}
      </div>
      {error && <p className="error" role="alert" data-testid="import-error">{error}</p>}
      {busy && (
        <div data-testid="import-progress">
          <p>{step === 'writing' ? t('writing') : t('reading')}</p>
          {/* Reading and validating stream rows (total unknown until the end): indeterminate bar with a row count. */}
          {progress && progress.total > 0 ? <progress max={progress.total} value={progress.done} /> : <progress />}
          {progress && progress.done > 0 && <small data-testid="import-progress-rows">{t('rowsDone', { n: progress.done.toLocaleString('vi-VN') })}</small>}
        </div>
      )}

      {step === 'pick' && (
        <div>
          <p>{t('pickHint')}</p>
          <input type="file" accept=".xlsx,.csv" data-testid="import-file" onChange={(e) => void pick(e)} />
        </div>
      )}

      {step === 'mapping' && preview && (
        <div>
          {preview.unmapped.length > 0 && <p className="warning">{t('unmapped', { cols: preview.unmapped.join(', ') })}</p>}
          <table className="grid" data-testid="import-mapping">
            <thead>
              <tr>
                <th>{t('field')}</th>
                <th>{t('column')}</th>
              </tr>
            </thead>
            <tbody>
              {(Object.keys(EMPLOYEE_FIELD_LABELS) as EmployeeField[]).map((f) => (
                <tr key={f}>
                  <td>{EMPLOYEE_FIELD_LABELS[f][lang]}</td>
                  <td>
                    <select
                      data-testid={`map-${f}`}
                      value={mapping[f] ?? ''}
                      onChange={(e) => {
                        const next = { ...mapping };
                        if (e.target.value) next[f] = e.target.value;
                        else delete next[f];
                        setMapping(next);
                      }}
                    >
                      <option value="">{t('notMapped')}</option>
                      {preview.headers.filter(Boolean).map((h) => (
                        <option key={h} value={h}>
                          {h}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" onClick={() => setStep('pick')}>{t('back')}</button>
            <button type="button" data-testid="import-mapping-next" disabled={busy} onClick={() => file && void runPreview(file, mapping)}>
              {t('next')}
            </button>
          </div>
        </div>
      )}

      {(step === 'preview' || step === 'writing') && preview && (
        <div>
          <p data-testid="import-summary">
            {t('summary', { total: preview.totalRows, insert: preview.toInsert, update: preview.toUpdate, rejected: preview.rejectedRows })}
          </p>
          {preview.convertedCells > 0 && <p data-testid="import-converted">{t('converted', { n: preview.convertedCells })}</p>}
          {preview.problems.length > 0 && (
            <div className="problems">
              <strong>{t('problems')}</strong>
              <table className="grid" data-testid="import-problems">
                <thead>
                  <tr>
                    <th>{t('row')}</th>
                    <th>{t('column')}</th>
                    <th>{t('reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
                    <tr key={i} data-testid="import-problem">
                      <td className="num">{p.row}</td>
                      <td>{p.column}</td>
                      <td>{lang === 'en' ? (p.messageEn ?? p.message) : p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {preview.problems.length > SHOWN_PROBLEMS && <p>{t('moreProblems', { n: preview.problems.length - SHOWN_PROBLEMS })}</p>}
            </div>
          )}
          <p>{t('nothingWritten')}</p>
          <div className="actions">
            <button type="button" onClick={() => setStep('mapping')} disabled={busy}>{t('back')}</button>
            <button type="button" data-testid="import-confirm" disabled={busy || preview.toInsert + preview.toUpdate === 0} onClick={() => void commit()}>
              {t('confirm', { n: preview.toInsert + preview.toUpdate })}
            </button>
          </div>
        </div>
      )}

      {step === 'result' && result && (
        <div data-testid="import-result">
          <p className="success">{t('done', { imported: result.imported, updated: result.updated })}</p>
          {result.rejected.length > 0 && <p className="warning">{t('rejectedCount', { n: result.rejected.length })}</p>}
          <button type="button" data-testid="import-close" onClick={() => onDone(true)}>{t('close')}</button>
        </div>
      )}
      {step !== 'result' && step !== 'writing' && (
        <button type="button" onClick={() => onDone(false)}>{t('cancel')}</button>
      )}
    </div>
  );
}
