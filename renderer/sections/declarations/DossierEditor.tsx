import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { stateLabel } from '../../../shared/ivan/state-labels';
import { PLANS } from '../../../shared/codes/plans';
import type { DossierDetail } from '../../../shared/contract/declarations';
import type { FieldProblem } from '../../../shared/contract/result';
import { computeContributions } from '../../../shared/contributions/compute';
import { draftSchema } from '../../../shared/draft/schema';
import { formatMoney, formatNumber } from '../../../shared/format';
import { api } from '../../api/client';
import { useNav } from '../../app/stores';
import { errorText, useMessages } from '../../i18n';
import { blankRow, download, getPath, setRowField, setTopField, type EditableDraft } from './draft-edit';
import { NumberCell } from './NumberCell';
import { declarationMessages } from './messages';
import { focusField, ProblemPanel } from './ProblemPanel';
import { GRID_PAGE, matchingRows, rowOfField } from './grid-rows';
import { ledgerMessages } from './ledger-messages';
import { ProposalsDialog } from './ProposalsDialog';
import { RosterPicker } from './RosterPicker';
import { CodePicker } from '../../components/CodePicker';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Tk1Fields } from './Tk1Fields';
import { tk1Messages } from './tk1-messages';

/** Grid columns: the draft field each edits and its input kind. */
const COLUMNS = [
  { key: 'plan', label: 'col.plan', kind: 'plan' },
  { key: 'fullName', label: 'col.fullName', kind: 'text' },
  { key: 'insuranceNo', label: 'col.insuranceNo', kind: 'text' },
  { key: 'birthDate', label: 'col.birthDate', kind: 'text' },
  { key: 'gender', label: 'col.gender', kind: 'gender' },
  { key: 'idNumber', label: 'col.idNumber', kind: 'text' },
  { key: 'nationality', label: 'col.nationality', kind: 'code', list: 'nationalities' },
  { key: 'ethnicity', label: 'col.ethnicity', kind: 'code', list: 'ethnicities' },
  { key: 'hospital.code', label: 'col.hospital', kind: 'code', list: 'hospitals' },
  { key: 'position', label: 'col.position', kind: 'text' },
  { key: 'salary', label: 'col.salary', kind: 'number' },
  { key: 'fromMonth', label: 'col.fromMonth', kind: 'text' },
  { key: 'toMonth', label: 'col.toMonth', kind: 'text' },
  { key: 'contract.number', label: 'col.contractNo', kind: 'text' },
  { key: 'contract.signedOn', label: 'col.contractDate', kind: 'text' },
  { key: 'note', label: 'col.note', kind: 'text' },
] as const;

const UNIT_FIELDS = [
  ['unit.name', 'unitName'],
  ['unit.code', 'unitCode'],
  ['unit.taxCode', 'taxCode'],
  ['unit.agencyCode', 'agencyCode'],
  ['unit.signer', 'signer'],
  ['unit.phone', 'phone'],
  ['unit.wageRegion', 'wageRegion'],
  ['ivan', 'ivan'],
  ['period', 'period'],
  ['createdOn', 'createdOn'],
] as const;

const SAVE_DELAY_MS = 400;

/**
 * The draft editor: a grid with inline validation, rows from roster events, the contribution preview and the error
 * panel. Every change is saved as the clerk types (debounced), so a crash loses at most the last keystrokes.
 */
export function DossierEditor({ id }: { id: string }) {
  const { t, lang } = useMessages(declarationMessages);
  const go = useNav((s) => s.go);
  const [detail, setDetail] = useState<DossierDetail | null>(null);
  const [draft, setDraft] = useState<EditableDraft | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [status, setStatus] = useState<string>('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<EditableDraft | null>(null);
  const lm = useMessages(ledgerMessages).t;
  const [dialog, setDialog] = useState<'picker' | 'proposals' | null>(null);
  const tk1t = useMessages(tk1Messages).t;
  const [tk1, setTk1] = useState<number | null>(null);
  /** A row with data asks before it goes; the last removed row can be put back (undo is cheap here). */
  const [askRemove, setAskRemove] = useState<number | null>(null);
  const [removed, setRemoved] = useState<{ index: number; row: NonNullable<EditableDraft['rows']>[number] } | null>(
    null,
  );

  /** The stored draft's hash these edits start from: a save from an older base is refused (another window saved). */
  const base = useRef<string | undefined>(undefined);
  /** Saves run one after another, so this window's own saves never look like another window's. */
  const saveChain = useRef<Promise<void>>(Promise.resolve());
  const [stale, setStale] = useState(false);

  const load = useCallback(async () => {
    const r = await api.call('dossier.get', { id });
    if (!r.ok) return setError(errorText(r.error, lang));
    base.current = r.value.draftSha256;
    pending.current = null; // edits refused as stale are replaced by the stored draft
    setStale(false);
    setDetail(r.value);
    setDraft(r.value.draft as EditableDraft);
    setProblems(r.value.validation.problems);
  }, [id, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  const saveNow = useCallback(async () => {
    const d = pending.current;
    if (!d) return;
    pending.current = null;
    setStatus(t('saving'));
    const r = await api.call('dossier.saveDraft', { id, draft: d, baseSha256: base.current });
    if (!r.ok) {
      if (r.error.code === 'STALE') setStale(true);
      return setStatus(t('saveFailed', { msg: errorText(r.error, lang) }));
    }
    base.current = r.value.draftSha256;
    setStatus(t('saved'));
    setProblems(r.value.validation.problems);
    if (r.value.signatureVoided) setNotice(t('signatureVoided'));
    setDetail((cur) =>
      cur
        ? {
            ...cur,
            state: r.value.state,
            updatedAt: r.value.updatedAt,
            signer: r.value.signatureVoided ? null : cur.signer,
          }
        : cur,
    );
  }, [id, lang, t]);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    saveChain.current = saveChain.current.then(saveNow);
    return saveChain.current;
  }, [saveNow]);

  // Save what is pending when leaving the editor.
  useEffect(() => () => void flush(), [flush]);

  const editable = detail ? detail.state === 'draft' || detail.state === 'signed' : false;

  function change(next: EditableDraft) {
    setDraft(next);
    pending.current = next;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }

  const contributions = useMemo(() => {
    const p = draft ? draftSchema.safeParse(draft) : null;
    return p?.success ? computeContributions(p.data) : null;
  }, [draft]);

  /** The grid shows one page of the rows (or of those the search finds). */
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const matching = useMemo(
    () => matchingRows((draft?.rows ?? []) as unknown as Record<string, unknown>[], query),
    [draft, query],
  );

  const byField = useMemo(() => {
    const m = new Map<string, FieldProblem[]>();
    for (const p of problems) if (p.field) m.set(p.field, [...(m.get(p.field) ?? []), p]);
    return m;
  }, [problems]);

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!detail || !draft) return <p>…</p>;

  const rows = (draft.rows ?? []) as unknown as Record<string, unknown>[];
  const listed = matching ?? rows.map((_, i) => i);
  const pages = Math.max(1, Math.ceil(listed.length / GRID_PAGE));
  const shownPage = Math.min(page, pages - 1);
  const onPage = listed.slice(shownPage * GRID_PAGE, (shownPage + 1) * GRID_PAGE);

  /** Turns the grid to row `i` (clearing a search that hides it), so its inputs exist to be focused. */
  function showRow(i: number) {
    const at = matching?.indexOf(i) ?? i;
    if (at < 0) setQuery('');
    setPage(Math.floor((at < 0 ? i : at) / GRID_PAGE));
  }

  /** A problem's field: its row's page first, then the focus (after React rendered that page). */
  function goToField(field: string | undefined) {
    const i = rowOfField(field);
    if (i === null) return focusField(field);
    showRow(i);
    setTimeout(() => focusField(field), 0);
  }

  /** A row appended (Thêm dòng, Insert, from the roster): the grid turns to the last page to show it. */
  function appendRows(added: NonNullable<EditableDraft['rows']>) {
    const all = [...(draft!.rows ?? []), ...added];
    change({ ...draft!, rows: all });
    setQuery('');
    setPage(Math.floor((all.length - 1) / GRID_PAGE));
  }
  const errors = problems.filter((p) => p.severity !== 'warning').length;

  /** Rows taken from the roster picker or the proposals are appended like typed rows (autosaved). */
  function addRows(added: Record<string, unknown>[]) {
    setDialog(null);
    appendRows(added as unknown as NonNullable<EditableDraft['rows']>);
    setNotice(lm('added', { n: added.length }));
  }

  async function exportDraft() {
    await flush();
    const r = await api.call('dossier.exportDraft', { id });
    if (r.ok) download(r.value.name, r.value.base64, 'application/json');
  }

  async function exportVnpt() {
    await flush();
    const r = await api.call('dossier.toSheet', { draft: draft! });
    if (r.ok)
      download(
        r.value.file.name,
        r.value.file.base64,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    else setNotice(errorText(r.error, lang));
  }

  async function build() {
    await flush();
    const r = await api.call('declarations.build', { draft: draft! });
    if (!r.ok) {
      setNotice(errorText(r.error, lang));
      return;
    }
    setNotice(t('built', { files: r.value.files.map((f) => f.fileName).join(', ') }));
    for (const f of r.value.files) download(f.fileName, f.base64, 'application/xml');
  }

  function cellProblems(i: number, key: string): FieldProblem[] {
    return byField.get(`rows[${i}].${key}`) ?? [];
  }

  /** "Kiểm tra" (as in HTKK): save, then say how many errors remain and go to the first one. */
  async function check() {
    await flush();
    const first = problems.find((p) => p.severity !== 'warning');
    setNotice(first ? t('checkErrors', { n: errors }) : t('checkOk'));
    if (first) goToField(first.field);
  }

  /** Whether a row holds anything the clerk typed or picked (a fresh "Thêm dòng" row goes without asking). */
  function rowHasData(i: number): boolean {
    return JSON.stringify(draft!.rows?.[i]) !== JSON.stringify(blankRow(String(draft!.period ?? '')));
  }

  function removeRow(i: number, confirmed = false) {
    const all = draft!.rows ?? [];
    if (!editable || i < 0 || i >= all.length) return;
    if (!confirmed && rowHasData(i)) return setAskRemove(i);
    setAskRemove(null);
    setRemoved({ index: i, row: all[i]! });
    change({ ...draft!, rows: all.filter((_, k) => k !== i) });
    // Focus stays in the grid: on the row that took its place, or the one above when the last went.
    const next = Math.min(i, all.length - 2);
    if (next >= 0)
      setTimeout(
        () => document.querySelector<HTMLElement>(`[data-testid="draft-row-${next}"] [data-row-handle]`)?.focus(),
        0,
      );
  }

  function undoRemove() {
    if (!removed) return;
    const all = [...(draft!.rows ?? [])];
    all.splice(Math.min(removed.index, all.length), 0, removed.row);
    change({ ...draft!, rows: all });
    setRemoved(null);
  }

  /**
   * HTKK keys: Ctrl+S saves, Insert adds a row, Delete removes the focused row, Enter moves to the next field of the
   * grid. Delete inside a text cell that still holds text deletes characters as usual; on the row number, a list, a
   * button or an empty cell it removes the row.
   */
  function onKeys(e: KeyboardEvent<HTMLDivElement>) {
    const target = e.target as HTMLElement;
    if (e.ctrlKey && !e.shiftKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void flush().then(() => setNotice(t('savedNow')));
    } else if (e.key === 'Insert' && editable) {
      e.preventDefault();
      appendRows([blankRow(String(draft!.period ?? ''))]);
    } else if (
      e.key === 'Delete' &&
      editable &&
      askRemove === null &&
      target.closest('[data-testid="draft-grid"] tbody tr')
    ) {
      const typing = target instanceof HTMLInputElement && target.value !== '' && !e.ctrlKey;
      if (typing) return;
      e.preventDefault();
      const row = target.closest<HTMLElement>('tr[data-testid^="draft-row-"]');
      if (row) removeRow(Number(row.dataset.testid!.slice('draft-row-'.length)));
    } else if (e.key === 'Enter' && target.closest('[data-testid="draft-grid"]') && target.matches('input, select')) {
      e.preventDefault();
      const fields = [
        ...e.currentTarget.querySelectorAll<HTMLElement>(
          '[data-testid="draft-grid"] input:not([disabled]), [data-testid="draft-grid"] select:not([disabled])',
        ),
      ];
      fields[fields.indexOf(target) + 1]?.focus();
    }
  }

  return (
    <div data-testid="dossier-editor" onKeyDown={onKeys}>
      <div className="toolbar">
        <button type="button" onClick={() => void flush().then(() => go('declarations'))}>
          {t('back')}
        </button>
        <h3 style={{ margin: 0 }}>
          {t('editorTitle', { unit: detail.unitCode, period: detail.period, batch: detail.batch })}
        </h3>
        <span className={`state state-${detail.state}`} data-testid="editor-state">
          {stateLabel(detail.state, lang)}
        </span>
        <span data-testid="save-status" aria-live="polite">
          {status}
        </span>
        {stale && (
          <button type="button" data-testid="draft-reload" onClick={() => void load()}>
            {t('reloadLatest')}
          </button>
        )}
      </div>
      {!editable && <p className="warning">{t('readOnly', { state: stateLabel(detail.state, lang) })}</p>}
      {detail.paperCopyRequired && (
        <p className="warning" data-testid="paper-copy">
          {t('paperCopy')}
        </p>
      )}
      {notice && (
        <p className="success" data-testid="editor-notice">
          {notice}
        </p>
      )}
      {removed && (
        <p className="success" data-testid="row-removed" aria-live="polite">
          {t('rowRemoved', { n: removed.index + 1 })}{' '}
          <button type="button" data-testid="row-undo" onClick={undoRemove}>
            {t('undo')}
          </button>
        </p>
      )}
      {askRemove !== null && (
        <ConfirmDialog
          testId="row-remove-confirm"
          danger
          title={t('removeRowTitle', { n: askRemove + 1 })}
          yes={t('removeRowYes')}
          no={t('removeRowNo')}
          onYes={() => removeRow(askRemove, true)}
          onNo={() => setAskRemove(null)}
        >
          <p>
            {t('removeRowBody', { n: askRemove + 1, name: String(draft.rows?.[askRemove]?.fullName || t('noName')) })}
          </p>
        </ConfirmDialog>
      )}
      <fieldset className="panel" disabled={!editable}>
        <legend>{t('unitHeader')}</legend>
        <div className="unit-fields">
          {UNIT_FIELDS.map(([path, label]) => {
            const ps = byField.get(path) ?? [];
            return (
              <label key={path}>
                {t(label)}
                <input
                  data-field={path}
                  aria-invalid={ps.some((p) => p.severity !== 'warning') || undefined}
                  title={ps.map((p) => p.message).join('\n') || undefined}
                  value={String(getPath(draft, path) ?? '')}
                  onChange={(e) => change(setTopField(draft, path, e.target.value))}
                />
              </label>
            );
          })}
        </div>
      </fieldset>
      <div className="toolbar">
        <button
          type="button"
          data-testid="row-add"
          disabled={!editable}
          onClick={() => appendRows([blankRow(String(draft.period ?? ''))])}
        >
          {t('addRow')}
        </button>
        <button
          type="button"
          data-testid="rows-from-roster"
          disabled={!editable}
          onClick={() => void flush().then(() => setDialog('proposals'))}
        >
          {t('fromRoster')}
        </button>
        <button type="button" data-testid="rows-pick" disabled={!editable} onClick={() => setDialog('picker')}>
          {lm('pick')}
        </button>
        <button type="button" data-testid="draft-export" onClick={() => void exportDraft()}>
          {t('exportDraft')}
        </button>
        <button type="button" data-testid="draft-export-vnpt" onClick={() => void exportVnpt()}>
          {t('exportVnpt')}
        </button>
        <button type="button" data-testid="draft-check" onClick={() => void check()}>
          {t('check')}
        </button>
        <button type="button" data-testid="draft-build" onClick={() => void build()}>
          {t('build')}
        </button>
        <button
          type="button"
          data-testid="open-print"
          onClick={() => void flush().then(() => go('declarations', 'print', id))}
        >
          {t('print')}
        </button>
      </div>
      {dialog === 'picker' && (
        <RosterPicker
          unitCode={detail.unitCode}
          period={detail.period}
          onAdd={addRows}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'proposals' && (
        <ProposalsDialog
          unitCode={detail.unitCode}
          period={detail.period}
          dossierId={id}
          onAdd={addRows}
          onClose={() => setDialog(null)}
        />
      )}
      <div className="layout">
        <div className="editor-scroll">
          <div className="toolbar" data-testid="grid-pager">
            <input
              type="search"
              data-testid="draft-search"
              aria-label={t('gridSearch')}
              placeholder={t('gridSearch')}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setPage(0);
              }}
            />
            <span data-testid="grid-range" aria-live="polite">
              {listed.length === 0
                ? t('gridNone')
                : t('gridPage', {
                    from: formatNumber(shownPage * GRID_PAGE + 1),
                    to: formatNumber(shownPage * GRID_PAGE + onPage.length),
                    total: formatNumber(listed.length),
                  })}
              {matching && listed.length > 0 ? ` (${t('gridFound', { n: formatNumber(listed.length) })})` : ''}
            </span>
            {pages > 1 && (
              <>
                <button
                  type="button"
                  data-testid="grid-prev"
                  disabled={shownPage === 0}
                  onClick={() => setPage(shownPage - 1)}
                >
                  {t('gridPrev')}
                </button>
                <button
                  type="button"
                  data-testid="grid-next"
                  disabled={shownPage >= pages - 1}
                  onClick={() => setPage(shownPage + 1)}
                >
                  {t('gridNext')}
                </button>
              </>
            )}
          </div>
          <table className="editor-grid grid" data-testid="draft-grid">
            <thead>
              <tr>
                <th>#</th>
                {COLUMNS.map((c) => (
                  <th key={c.key}>{t(c.label)}</th>
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {onPage
                .map((i) => [rows[i]!, i] as const)
                .map(([row, i]) => (
                  <tr key={i} data-testid={`draft-row-${i}`}>
                    <td tabIndex={0} data-row-handle aria-label={t('rowHandle', { n: i + 1 })}>
                      {i + 1}
                    </td>
                    {COLUMNS.map((c) => {
                      const ps = cellProblems(i, c.key);
                      const field = `rows[${i}].${c.key}`;
                      const common = {
                        'data-field': field,
                        'aria-label': `${t(c.label)} ${i + 1}`,
                        'aria-invalid': ps.some((p) => p.severity !== 'warning') || undefined,
                        className: ps.length && ps.every((p) => p.severity === 'warning') ? 'warn' : undefined,
                        title: ps.map((p) => p.message).join('\n') || undefined,
                        disabled: !editable,
                      };
                      const value = getPath(row, c.key);
                      if (c.kind === 'plan') {
                        return (
                          <td key={c.key}>
                            <select
                              {...common}
                              value={String(value ?? '')}
                              onChange={(e) => change(setRowField(draft, i, c.key, e.target.value))}
                            >
                              {PLANS.map((p) => (
                                <option key={p.code} value={p.code} title={p.name}>
                                  {p.code} – {p.name}
                                </option>
                              ))}
                            </select>
                          </td>
                        );
                      }
                      if (c.kind === 'gender') {
                        return (
                          <td key={c.key}>
                            <select
                              {...common}
                              value={String(value ?? 'F')}
                              onChange={(e) => change(setRowField(draft, i, c.key, e.target.value))}
                            >
                              <option value="M">{t('male')}</option>
                              <option value="F">{t('female')}</option>
                            </select>
                          </td>
                        );
                      }
                      if (c.kind === 'code') {
                        // Dated code lists (resources/codes): the list in force in the draft's period.
                        const [mm, yyyy] = String(draft.period ?? '').split('/');
                        return (
                          <td key={c.key}>
                            <CodePicker
                              list={c.list}
                              value={String(value ?? '')}
                              onChange={(code) => change(setRowField(draft, i, c.key, code))}
                              asOf={yyyy && mm ? `${yyyy}-${mm}` : undefined}
                              testId={`row-${i}-${c.key}`}
                              label={common['aria-label']}
                              invalid={common['aria-invalid']}
                              dataField={field}
                              disabled={!editable}
                              title={common.title}
                            />
                          </td>
                        );
                      }
                      if (c.kind === 'number') {
                        return (
                          <td key={c.key}>
                            <NumberCell
                              {...common}
                              value={typeof value === 'number' ? value : 0}
                              onValue={(n) => change(setRowField(draft, i, c.key, n))}
                            />
                          </td>
                        );
                      }
                      return (
                        <td key={c.key}>
                          <input
                            {...common}
                            value={value === undefined || value === null ? '' : String(value)}
                            onChange={(e) => change(setRowField(draft, i, c.key, e.target.value))}
                          />
                        </td>
                      );
                    })}
                    <td>
                      <button
                        type="button"
                        data-testid={`row-${i}-tk1`}
                        aria-label={tk1t('openLabel', { n: i + 1 })}
                        onClick={() => setTk1(i)}
                      >
                        {tk1t('open')}
                      </button>
                      <button
                        type="button"
                        aria-label={`${t('removeRow')} ${i + 1}`}
                        disabled={!editable}
                        onClick={() => removeRow(i)}
                      >
                        ×
                      </button>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
          {tk1 !== null && (
            <Tk1Fields
              draft={draft}
              index={tk1}
              problems={(path) => byField.get(path) ?? []}
              editable={editable}
              onChange={change}
              onClose={() => setTk1(null)}
            />
          )}
        </div>
        <div>
          <ProblemPanel problems={problems} onGo={goToField} />
          <div className="panel" data-testid="contribution-preview">
            <b>{t('contributions')}</b>
            {contributions && (
              <table>
                <tbody>
                  <tr>
                    <td>{t('employer')}</td>
                    <td className="money" data-testid="contrib-employer">
                      {formatMoney(contributions.totals.employer)}
                    </td>
                  </tr>
                  <tr>
                    <td>{t('employee')}</td>
                    <td className="money" data-testid="contrib-employee">
                      {formatMoney(contributions.totals.employee)}
                    </td>
                  </tr>
                  <tr>
                    <td>
                      <b>{t('total')}</b>
                    </td>
                    <td className="money" data-testid="contrib-total">
                      <b>{formatMoney(contributions.totals.total)}</b>
                    </td>
                  </tr>
                </tbody>
              </table>
            )}
          </div>
          <p data-testid="sign-readiness" className={!editable ? 'warning' : errors ? 'error' : 'success'}>
            {/* A dossier past signing is locked: it says so instead of "có thể ký". */}
            {!editable
              ? t('locked', { state: stateLabel(detail.state, lang) })
              : errors
                ? t('errorsCount', { errors, warnings: problems.length - errors })
                : problems.length
                  ? t('warningsOnly', { warnings: problems.length })
                  : t('noProblems')}
          </p>
        </div>
      </div>
    </div>
  );
}
