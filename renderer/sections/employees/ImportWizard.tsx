import { useEffect, useState } from 'react';
import type { ColumnMapping, ImportPreview, ImportResult } from '../../../shared/contract/roster';
import type { ProgressEvent } from '../../../shared/contract/common';
import type { AcceptedRow } from '../../../shared/contract/import-report';
import { EMPLOYEE_FIELD_LABELS } from '../../../shared/identity/employee-labels';
import { IMPORT_COLUMN_LABELS, type ImportColumn } from '../../../shared/ledger/import-columns';
import { api } from '../../api/client';
import { readFileBlob, saveBlob } from '../../api/files';
import { ImportParticipationField } from './ParticipationSince';
import { errorText, useMessages } from '../../i18n';
import { employeeMessages } from './messages';
import { DataTable } from '../../components/DataTable';

type Step = 'pick' | 'mapping' | 'preview' | 'writing' | 'result';
/** Where the rows are and which to read: the preview and the commit read the file the same way. */
type Where = { sheet?: string; headerRow?: number; skipHiddenRows?: boolean };
const SHOWN_PROBLEMS = 500;

/** Saves a file the service returned (the error workbook) through the browser's download. */
function download(file: { name: string; base64: string }): void {
  saveBlob(file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}

function ProblemTable({
  problems,
  testId,
  rowTestId,
  label,
}: {
  problems: { row: number; column: string; message: string; messageEn?: string }[];
  testId: string;
  rowTestId: string;
  label: string;
}) {
  const { t, lang } = useMessages(employeeMessages);
  return (
    <div className="problems">
      <strong>{label}</strong>
      <DataTable
        testId={testId}
        rows={problems.slice(0, SHOWN_PROBLEMS)}
        rowKey={(_p, i) => i}
        rowTestId={rowTestId}
        columns={[
          { header: t('row'), className: 'num', cell: (p) => p.row },
          { header: t('column'), cell: (p) => p.column },
          { header: t('reason'), cell: (p) => (lang === 'en' ? (p.messageEn ?? p.message) : p.message) },
        ]}
      />
      {problems.length > SHOWN_PROBLEMS && <p>{t('moreProblems', { n: problems.length - SHOWN_PROBLEMS })}</p>}
    </div>
  );
}

function AcceptedTable({ rows, total }: { rows: AcceptedRow[]; total: number }) {
  const { t } = useMessages(employeeMessages);
  const action = { new: t('actionNew'), update: t('actionUpdate'), unchanged: t('actionUnchanged') };
  return (
    <div className="accepted">
      <strong>{t('accepted', { shown: rows.length, n: total })}</strong>
      <DataTable
        testId="import-accepted"
        rows={rows}
        rowKey={(r) => r.row}
        rowTestId="import-accepted-row"
        columns={[
          { header: t('row'), className: 'num', cell: (r) => r.row },
          { header: t('action'), cell: (r) => action[r.action] },
          { header: EMPLOYEE_FIELD_LABELS.fullName.vi, cell: (r) => r.fullName },
          { header: EMPLOYEE_FIELD_LABELS.birthDate.vi, cell: (r) => r.birthDate },
          { header: EMPLOYEE_FIELD_LABELS.insuranceNumber.vi, cell: (r) => r.insuranceNumber },
          { header: EMPLOYEE_FIELD_LABELS.cccd.vi, cell: (r) => r.cccd },
          { header: EMPLOYEE_FIELD_LABELS.jobTitle.vi, cell: (r) => r.jobTitle },
        ]}
      />
    </div>
  );
}

/**
 * File → column mapping → preview (good rows and every problem, counts that add up) → confirm → result. Nothing is
 * written before "confirm"; the commit re-reads the same bytes with the confirmed mapping and writes all valid rows in
 * one transaction. `onWritten` runs as soon as that transaction is done (the list behind refreshes); the result keeps
 * the rejected rows and their error workbook until the clerk closes it.
 */
export function ImportWizard({
  unitCode,
  onDone,
  onWritten,
}: {
  unitCode: string;
  onDone(changed: boolean): void;
  onWritten?(): void;
}) {
  const { t, lang } = useMessages(employeeMessages);
  const [step, setStep] = useState<Step>('pick');
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [since, setSince] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  // Where the rows are: the sheet (an .xlsx may hold several; the service suggests one by content) and the header
  // row (found in the first rows; the clerk may name it). The commit reads the same sheet and header row.
  const [sheets, setSheets] = useState<{ name: string; hidden: boolean }[]>([]);
  const [where, setWhere] = useState<Where>({});
  const [headerText, setHeaderText] = useState('');

  useEffect(() => {
    if (!busy) return;
    return api.onProgress((e) => {
      if (e.method.startsWith('roster.import')) setProgress(e);
    });
  }, [busy]);

  async function runPreview(f: { name: string; base64: string }, m?: ColumnMapping, at: Where = where) {
    setBusy(true);
    setError(null);
    setProgress(null);
    setWhere(at);
    const r = await api.call('roster.importPreview', {
      unitCode,
      file: f,
      mapping: m,
      sheet: at.sheet,
      headerRow: at.headerRow,
      skipHiddenRows: at.skipHiddenRows,
    });
    setBusy(false);
    if (!r.ok) {
      setError(errorText(r.error, lang));
      const d = r.error.details as { headers?: string[]; mapping?: ColumnMapping } | undefined;
      if (d?.headers) {
        setPreview({
          headers: d.headers,
          mapping: d.mapping ?? {},
          unmapped: [],
          totalRows: 0,
          toInsert: 0,
          toUpdate: 0,
          unchanged: 0,
          rejectedRows: 0,
          problems: [],
          convertedCells: 0,
          sample: [],
          accepted: [],
        });
        setMapping(d.mapping ?? {});
        setStep('mapping');
      }
      return;
    }
    setPreview(r.value);
    setMapping(r.value.mapping);
    setHeaderText(r.value.headerRow ? String(r.value.headerRow) : '');
    setStep(m ? 'preview' : 'mapping');
  }

  async function pick(e: React.ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    if (!f) return;
    const read = await readFileBlob(f);
    if (!read.ok) {
      setError(errorText(read.error, lang));
      return;
    }
    const blob = read.value;
    setFile(blob);
    const listed = /\.xlsx$/i.test(f.name) ? await api.call('roster.importSheets', { file: blob }) : null;
    const found = listed?.ok ? listed.value : { sheets: [], suggested: '' };
    setSheets(found.sheets);
    await runPreview(blob, undefined, { sheet: found.suggested || undefined });
  }

  async function commit() {
    if (!file) return;
    setStep('writing');
    setBusy(true);
    const r = await api.call('roster.importCommit', {
      unitCode,
      file,
      mapping,
      sheet: where.sheet,
      headerRow: where.headerRow,
      skipHiddenRows: where.skipHiddenRows,
      participatingSince: since.trim() || undefined,
    });
    setBusy(false);
    if (!r.ok) {
      setError(errorText(r.error, lang));
      setStep('preview');
      return;
    }
    setResult(r.value);
    setStep('result');
    if (r.value.imported + r.value.updated > 0) onWritten?.();
  }

  const steps: [Step, string][] = [
    ['pick', t('stepPick')],
    ['mapping', t('stepMapping')],
    ['preview', t('stepPreview')],
    ['result', t('stepResult')],
  ];
  return (
    <div className="wizard" data-testid="import-wizard" role="dialog" aria-label={t('wizardTitle')}>
      <h3>{t('wizardTitle')}</h3>
      <div className="steps">
        {steps.map(([s, label]) => (
          <span key={s} aria-current={step === s || (s === 'preview' && step === 'writing') ? 'step' : undefined}>
            {label}
          </span>
        ))}
      </div>
      {error && (
        <p className="error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      {busy && (
        <div data-testid="import-progress">
          <p>{step === 'writing' ? t('writing') : t('reading')}</p>
          {/* Reading and validating stream rows (total unknown until the end): indeterminate bar with a row count. */}
          {progress && progress.total > 0 ? <progress max={progress.total} value={progress.done} /> : <progress />}
          {progress && progress.done > 0 && (
            <small data-testid="import-progress-rows">
              {t('rowsDone', { n: progress.done.toLocaleString('vi-VN') })}
            </small>
          )}
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
          <div className="toolbar">
            {sheets.filter((x) => !x.hidden).length > 1 && (
              <label>
                {t('sheet')}{' '}
                <select
                  data-testid="import-sheet"
                  value={where.sheet ?? ''}
                  disabled={busy}
                  onChange={(e) => file && void runPreview(file, undefined, { sheet: e.target.value })}
                >
                  {sheets
                    .filter((x) => !x.hidden)
                    .map((x) => (
                      <option key={x.name} value={x.name}>
                        {x.name}
                      </option>
                    ))}
                </select>
              </label>
            )}
            <label>
              {t('headerRow')}{' '}
              <input
                data-testid="import-header-row"
                inputMode="numeric"
                size={4}
                value={headerText}
                disabled={busy}
                onChange={(e) => setHeaderText(e.target.value)}
                onBlur={() => {
                  const n = Number(headerText);
                  if (file && Number.isInteger(n) && n >= 1 && n !== preview.headerRow)
                    void runPreview(file, undefined, { sheet: where.sheet, headerRow: n });
                }}
                onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
              />
            </label>
          </div>
          {preview.unmapped.length > 0 && (
            <p className="warning">{t('unmapped', { cols: preview.unmapped.join(', ') })}</p>
          )}
          <DataTable
            testId="import-mapping"
            rows={Object.keys(IMPORT_COLUMN_LABELS) as ImportColumn[]}
            rowKey={(f) => f}
            columns={[
              { header: t('field'), cell: (f) => IMPORT_COLUMN_LABELS[f][lang] },
              {
                header: t('column'),
                cell: (f) => (
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
                ),
              },
            ]}
          />
          <div className="actions">
            <button type="button" onClick={() => setStep('pick')}>
              {t('back')}
            </button>
            <button
              type="button"
              data-testid="import-mapping-next"
              disabled={busy}
              onClick={() => file && void runPreview(file, mapping)}
            >
              {t('next')}
            </button>
          </div>
        </div>
      )}

      {(step === 'preview' || step === 'writing') && preview && (
        <div>
          <p data-testid="import-summary">
            {t('summary', {
              total: preview.totalRows,
              insert: preview.toInsert,
              update: preview.toUpdate,
              unchanged: preview.unchanged,
              rejected: preview.rejectedRows,
            })}
          </p>
          {!!preview.hiddenRows && (
            <label>
              <input
                type="checkbox"
                data-testid="import-skip-hidden"
                checked={!!where.skipHiddenRows}
                disabled={busy}
                onChange={(e) => file && void runPreview(file, mapping, { ...where, skipHiddenRows: e.target.checked })}
              />{' '}
              {t('skipHidden', { n: preview.hiddenRows })}
            </label>
          )}
          {preview.convertedCells > 0 && (
            <p data-testid="import-converted">{t('converted', { n: preview.convertedCells })}</p>
          )}
          {preview.accepted.length > 0 && (
            <AcceptedTable rows={preview.accepted} total={preview.toInsert + preview.toUpdate + preview.unchanged} />
          )}
          {preview.problems.length > 0 && (
            <ProblemTable
              problems={preview.problems}
              testId="import-problems"
              rowTestId="import-problem"
              label={t('problems')}
            />
          )}
          {preview.warnings && preview.warnings.length > 0 && (
            <ProblemTable
              problems={preview.warnings}
              testId="import-warnings"
              rowTestId="import-warning"
              label={t('warnings')}
            />
          )}
          <ImportParticipationField value={since} onChange={setSince} />
          <p>{t('nothingWritten')}</p>
          <div className="actions">
            <button type="button" onClick={() => setStep('mapping')} disabled={busy}>
              {t('back')}
            </button>
            <button
              type="button"
              data-testid="import-confirm"
              disabled={busy || preview.toInsert + preview.toUpdate === 0}
              onClick={() => void commit()}
            >
              {t('confirm', { n: preview.toInsert + preview.toUpdate })}
            </button>
          </div>
        </div>
      )}

      {step === 'result' && result && (
        <div data-testid="import-result">
          <p className="success">{t('done', { imported: result.imported, updated: result.updated })}</p>
          <p data-testid="import-result-counts">
            {t('resultCounts', {
              total: result.totalRows,
              imported: result.imported,
              updated: result.updated,
              unchanged: result.unchanged,
              rejected: result.rejectedRows,
            })}
          </p>
          {!!result.hiddenRows && where.skipHiddenRows && (
            <p data-testid="import-hidden-skipped">{t('hiddenSkipped', { n: result.hiddenRows })}</p>
          )}
          {result.rejected.length > 0 && (
            <ProblemTable
              problems={result.rejected}
              testId="import-rejected"
              rowTestId="import-rejected-row"
              label={t('rejectedRows')}
            />
          )}
          <div className="actions">
            {result.errorFile && (
              <button type="button" data-testid="import-error-export" onClick={() => download(result.errorFile!)}>
                {t('exportErrors')}
              </button>
            )}
            <button type="button" data-testid="import-close" onClick={() => onDone(true)}>
              {t('close')}
            </button>
          </div>
        </div>
      )}
      {step !== 'result' && step !== 'writing' && (
        <button type="button" onClick={() => onDone(false)}>
          {t('cancel')}
        </button>
      )}
    </div>
  );
}
