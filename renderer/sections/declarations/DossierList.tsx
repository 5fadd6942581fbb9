import { useCallback, useEffect, useRef, useState } from 'react';
import { stateLabel } from '../../../shared/ivan/state-labels';
import type { DossierSummary } from '../../../shared/contract/declarations';
import type { Output } from '../../../shared/contract';
import { formatDateTimeVN } from '../../../shared/format';
import { api } from '../../api/client';
import { StatementPanel } from './StatementPanel';
import { useCurrentUnit, useLastDossier, useNav } from '../../app/stores';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { dossierTitle } from '../../../shared/ivan/dossier-title';
import { useUnits } from '../units/units-store';
import { errorText, useMessages } from '../../i18n';
import { readFileBlob } from '../../api/files';
import { declarationMessages } from './messages';
import { DataTable } from '../../components/DataTable';
import { ProblemPanel } from './ProblemPanel';

/** `dossier.fromSheet`'s answer: the draft read from a VNPT workbook and what the reading found. */
type SheetRead = Output<'dossier.fromSheet'>;

/** Rows of a draft read from a sheet (kekhai-draft/1 `rows`). */
const draftRows = (draft: Record<string, unknown>): number => (Array.isArray(draft.rows) ? draft.rows.length : 0);

/** Dossiers per unit and period with their state; create one, or import a kekhai-draft/1 file. */
export function DossierList() {
  const { t, lang } = useMessages(declarationMessages);
  const go = useNav((s) => s.go);
  const currentUnit = useCurrentUnit((s) => s.unitCode);
  const [unitCode, setUnitCode] = useState(currentUnit ?? '');
  const [period, setPeriod] = useState('');
  const [dossiers, setDossiers] = useState<DossierSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [ask, setAsk] = useState<DossierSummary | null>(null);
  const [undo, setUndo] = useState<{ name: string; base64: string } | null>(null);
  /** A VNPT workbook read with problems, waiting for the clerk to create the draft or not. */
  const [sheetRead, setSheetRead] = useState<SheetRead | null>(null);

  const reload = useCallback(async () => {
    const r = await api.call('dossier.list', {
      unitCode: unitCode || undefined,
      period: /^\d{2}\/\d{4}$/.test(period) ? period : undefined,
    });
    if (r.ok) setDossiers(r.value.dossiers);
    else setError(errorText(r.error, lang));
  }, [unitCode, period, lang]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // One new dossier per action: "Tạo hồ sơ" clicked twice (or a file chosen twice quickly) made two drafts, batch 1
  // and 2. The ref holds between renders, so the second click finds the first still running.
  const creating = useRef(false);
  function once(run: () => Promise<void>): void {
    if (creating.current) return;
    creating.current = true;
    void run().finally(() => (creating.current = false));
  }

  async function create() {
    if (!unitCode || !/^\d{2}\/\d{4}$/.test(period)) return setError(t('needUnitPeriod'));
    const r = await api.call('dossier.create', { unitCode, period });
    if (r.ok) go('declarations', 'edit', r.value.id);
    else setError(errorText(r.error, lang));
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    const blob = await readFileBlob(file);
    if (!blob.ok) return setError(errorText(blob.error, lang));
    const r = await api.call('dossier.importDraft', { file: blob.value });
    if (r.ok) go('declarations', 'edit', r.value.id);
    else setError(errorText(r.error, lang));
  }

  /**
   * A VNPT-BHXH workbook becomes a new dossier of the unit and period typed above. What the reading found (a row
   * without a name or PA, a document that belongs to no row, rows Excel hides) is shown first, and the clerk decides;
   * a clean workbook opens as a draft at once.
   */
  async function importVnpt(file: File | undefined) {
    if (!file) return;
    setError(null);
    setSheetRead(null);
    if (!unitCode || !/^\d{2}\/\d{4}$/.test(period)) return setError(t('needUnitPeriod'));
    const blob = await readFileBlob(file);
    if (!blob.ok) return setError(errorText(blob.error, lang));
    const read = await api.call('dossier.fromSheet', {
      file: blob.value,
      unitCode,
      period,
    });
    if (!read.ok) return setError(errorText(read.error, lang));
    if (read.value.problems.length) return setSheetRead(read.value);
    await createFromSheet(read.value.draft);
  }

  async function createFromSheet(draft: Record<string, unknown>) {
    setSheetRead(null);
    const r = await api.call('dossier.create', { draft });
    if (r.ok) go('declarations', 'edit', r.value.id);
    else setError(errorText(r.error, lang));
  }

  async function remove(d: DossierSummary) {
    setAsk(null);
    // Undo is cheap for a draft: its kekhai-draft/1 file is kept until the next action and imported back on request.
    const copy = await api.call('dossier.exportDraft', { id: d.id });
    const r = await api.call('dossier.delete', { id: d.id });
    if (!r.ok) setError(errorText(r.error, lang));
    else {
      setNotice(t('deleted', { title: titleOf(d) }));
      setUndo(copy.ok ? copy.value : null);
    }
    void reload();
  }

  async function undoDelete() {
    if (!undo) return;
    const r = await api.call('dossier.importDraft', { file: undo });
    setUndo(null);
    if (!r.ok) return setError(errorText(r.error, lang));
    setNotice(t('restoredDraft'));
    void reload();
  }

  const units = useUnits((s) => s.units);
  const unitName = (code: string) => units.find((u) => u.code === code)?.name ?? '';
  const titleOf = (d: DossierSummary) =>
    dossierTitle(
      {
        unitCode: d.unitCode,
        unitName: unitName(d.unitCode) || null,
        procedure: null,
        period: d.period,
        batch: d.batch,
        receiptNo: null,
      },
      lang,
    );
  const setLast = useLastDossier((s) => s.set);
  const openIn = (d: DossierSummary, tab: 'dossier' | 'submit') => {
    setLast(d.id);
    go('signing', tab);
  };

  return (
    <div data-testid="dossier-list">
      <div className="toolbar">
        <label>
          {t('unit')}
          <input
            data-testid="dossier-unit"
            value={unitCode}
            onChange={(e) => setUnitCode(e.target.value.toUpperCase())}
            maxLength={7}
          />
        </label>
        <label>
          {t('period')}
          <input
            data-testid="dossier-period"
            value={period}
            placeholder="10/2015"
            onChange={(e) => setPeriod(e.target.value)}
            maxLength={7}
          />
        </label>
        <button type="button" data-testid="dossier-create" onClick={() => once(create)}>
          {t('create')}
        </button>
        <label>
          {t('importDraft')}
          <input
            type="file"
            accept=".json,application/json"
            data-testid="dossier-import"
            onChange={(e) => {
              const f = e.target.files?.[0];
              once(() => importFile(f));
            }}
          />
        </label>
        <label>
          {t('importVnpt')}
          <input
            type="file"
            accept=".xlsx"
            data-testid="dossier-import-vnpt"
            onChange={(e) => {
              const f = e.target.files?.[0];
              once(() => importVnpt(f));
            }}
          />
        </label>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="dossier-error">
          {error}
        </p>
      )}
      {notice && (
        <p className="success" role="status" data-testid="dossier-notice">
          {notice}{' '}
          {undo && (
            <button type="button" data-testid="dossier-undo" onClick={() => once(undoDelete)}>
              {t('undo')}
            </button>
          )}
        </p>
      )}
      {sheetRead && (
        <div className="panel" data-testid="vnpt-read">
          <p>{t('vnptRead', { n: draftRows(sheetRead.draft), sheet: sheetRead.sheet })}</p>
          {/* Counted, errors first, a page at a time: a sheet of thousands of rows without a PA gives as many. */}
          <ProblemPanel problems={sheetRead.problems} onGo={() => undefined} />
          <div className="actions">
            <button
              type="button"
              data-testid="vnpt-create"
              onClick={() => once(() => createFromSheet(sheetRead.draft))}
            >
              {t('vnptCreate', { n: draftRows(sheetRead.draft) })}
            </button>
            <button type="button" data-testid="vnpt-cancel" onClick={() => setSheetRead(null)}>
              {t('vnptCancel')}
            </button>
          </div>
        </div>
      )}
      {ask && (
        <ConfirmDialog
          testId="delete-confirm"
          danger
          title={t('deleteTitle')}
          yes={t('deleteYes')}
          no={t('deleteNo')}
          onYes={() => void remove(ask)}
          onNo={() => setAsk(null)}
        >
          <p>{t('deleteBody', { title: titleOf(ask), rows: ask.rowCount })}</p>
        </ConfirmDialog>
      )}
      <DataTable
        testId="dossier-table"
        rows={dossiers}
        rowKey={(d) => d.id}
        empty={t('noDossiers')}
        rowTestId={(d) => `dossier-row-${d.id}`}
        columns={[
          {
            header: t('unit'),
            cell: (d) => (
              <>
                {d.unitCode}
                {unitName(d.unitCode) && <small className="unit-name"> – {unitName(d.unitCode)}</small>}
              </>
            ),
          },
          { header: t('period'), cell: (d) => d.period },
          { header: t('batch'), cell: (d) => d.batch },
          {
            header: t('state'),
            cell: (d) => (
              <>
                <span className={`state state-${d.state}`} data-testid="dossier-state">
                  {stateLabel(d.state, lang)}
                </span>
                {d.paperCopyRequired && <span title={t('paperCopy')}> 📄</span>}
              </>
            ),
          },
          { header: t('rows'), cell: (d) => d.rowCount },
          { header: t('updated'), cell: (d) => formatDateTimeVN(new Date(d.updatedAt)) },
          {
            header: null,
            cell: (d) => (
              <>
                <button type="button" onClick={() => go('declarations', 'edit', d.id)}>
                  {t('open')}
                </button>{' '}
                {d.state === 'draft' && (
                  <button type="button" data-testid="dossier-to-sign" onClick={() => openIn(d, 'dossier')}>
                    {t('toSign')}
                  </button>
                )}{' '}
                {d.state === 'signed' && (
                  <button type="button" data-testid="dossier-to-submit" onClick={() => openIn(d, 'submit')}>
                    {t('toSubmit')}
                  </button>
                )}{' '}
                {d.state === 'draft' && (
                  <button type="button" data-testid="dossier-delete" onClick={() => setAsk(d)}>
                    {t('delete')}
                  </button>
                )}
              </>
            ),
          },
        ]}
      />
      <StatementPanel unitCode={unitCode} period={period} />
    </div>
  );
}
