import type { FieldProblem } from '../../../shared/contract/result';
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

/** The error panel: every problem, errors first; each entry leads to its field. */
export function ProblemPanel({ problems }: { problems: FieldProblem[] }) {
  const { t, lang } = useMessages(declarationMessages);
  const sorted = [...problems].sort((a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'));
  return (
    <div className="panel" data-testid="problem-panel">
      <b>{t('problems')}</b>
      {sorted.length === 0 ? (
        <p className="success">{t('noProblems')}</p>
      ) : (
        <ul>
          {sorted.map((p, k) => (
            <li key={k}>
              <button
                type="button"
                data-testid="problem-item"
                data-problem-field={p.field}
                className={p.severity === 'warning' ? 'warning' : 'error'}
                onClick={() => focusField(p.field)}
              >
                {p.severity === 'warning' ? '⚠ ' : '✖ '}
                {lang === 'en' ? (p.messageEn ?? p.message) : p.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
