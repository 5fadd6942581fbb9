import { useState } from 'react';
import type { FieldProblem } from '../../../shared/contract/result';
import { formatNumber } from '../../../shared/format';
import { useMessages } from '../../i18n';
import { declarationMessages } from './messages';

/** Moves the focus to the input of a problem's field (`rows[3].salary`, `unit.taxCode`, …). */
export function focusField(field: string | undefined): void {
  if (!field) return;
  const el = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`);
  if (el) {
    el.scrollIntoView({ block: 'center', inline: 'center' });
    el.focus();
  }
}

/**
 * Problems listed at a time: a 2,600-row draft can carry thousands (one per row and field), and a list of them all
 * buried the panel; the count says how many there are, each shown entry still names its row and field.
 */
export const PROBLEMS_SHOWN = 100;

/** The error panel: the counts, then the problems (errors first), a page at a time; each entry leads to its field. */
export function ProblemPanel({
  problems,
  onGo = focusField,
}: {
  problems: FieldProblem[];
  /** Brings a problem's field into view (the editor turns the grid to its row first). */
  onGo?: (field: string | undefined) => void;
}) {
  const { t, lang } = useMessages(declarationMessages);
  const [shown, setShown] = useState(PROBLEMS_SHOWN);
  const sorted = [...problems].sort((a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'));
  const errors = problems.filter((p) => p.severity !== 'warning').length;
  const rest = sorted.length - Math.min(shown, sorted.length);
  return (
    <div className="panel" data-testid="problem-panel">
      <b>{t('problems')}</b>
      {sorted.length === 0 ? (
        <p className="success">{t('noProblems')}</p>
      ) : (
        <>
          <p data-testid="problem-count">
            {t('problemsTotal', { errors: formatNumber(errors), warnings: formatNumber(problems.length - errors) })}
          </p>
          <ul>
            {sorted.slice(0, shown).map((p, k) => (
              <li key={k}>
                <button
                  type="button"
                  data-testid="problem-item"
                  data-problem-field={p.field}
                  className={p.severity === 'warning' ? 'warning' : 'error'}
                  onClick={() => onGo(p.field)}
                >
                  {p.severity === 'warning' ? '⚠ ' : '✖ '}
                  {lang === 'en' ? (p.messageEn ?? p.message) : p.message}
                </button>
              </li>
            ))}
          </ul>
          {rest > 0 && (
            <p data-testid="problem-more">
              {t('problemsMore', { n: formatNumber(rest) })}{' '}
              <button type="button" data-testid="problem-show-more" onClick={() => setShown((n) => n + PROBLEMS_SHOWN)}>
                {t('problemsShowMore', { n: formatNumber(Math.min(rest, PROBLEMS_SHOWN)) })}
              </button>
            </p>
          )}
        </>
      )}
    </div>
  );
}
