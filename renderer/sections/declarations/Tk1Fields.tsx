import type { CodeListName } from '../../../shared/codes/code-list';
import type { FieldProblem } from '../../../shared/contract/result';
import { CodePicker } from '../../components/CodePicker';
import { useMessages } from '../../i18n';
import { getPath, setRowField, type EditableDraft } from './draft-edit';
import { tk1Messages } from './tk1-messages';

type Group = 'birthPlace' | 'residence' | 'hospital';

/** The TK1-TS place and KCB fields of one row, picked from the dated code lists in force in the draft's period. */
export function Tk1Fields({
  draft,
  index,
  problems,
  editable,
  onChange,
  onClose,
}: {
  draft: EditableDraft;
  index: number;
  problems(path: string): FieldProblem[];
  editable: boolean;
  onChange(d: EditableDraft): void;
  onClose(): void;
}) {
  const { t } = useMessages(tk1Messages);
  const row = (draft.rows ?? [])[index];
  if (!row) return null;
  const [mm, yyyy] = String(draft.period ?? '').split('/');
  const asOf = yyyy && mm ? `${yyyy}-${mm}` : undefined;
  const value = (path: string) => String(getPath(row, path) ?? '');

  const picker = (path: string, list: CodeListName, label: string, province?: string) => {
    const ps = problems(`rows[${index}].${path}`);
    return (
      <label className="field" key={path}>
        <span>{label}</span>
        <CodePicker
          list={list}
          value={value(path)}
          onChange={(code) => onChange(setRowField(draft, index, path, code))}
          province={province || undefined}
          asOf={asOf}
          testId={`tk1-${path}`}
          label={`${label} ${index + 1}`}
          invalid={ps.some((p) => p.severity !== 'warning')}
          title={ps.map((p) => p.message).join('\n') || undefined}
          dataField={`rows[${index}].${path}`}
          disabled={!editable}
        />
      </label>
    );
  };
  const text = (path: string, label: string) => (
    <label className="field" key={path}>
      <span>{label}</span>
      <input
        data-testid={`tk1-${path}`}
        data-field={`rows[${index}].${path}`}
        disabled={!editable}
        value={value(path)}
        onChange={(e) => onChange(setRowField(draft, index, path, e.target.value))}
      />
    </label>
  );
  const place = (g: Exclude<Group, 'hospital'>) => (
    <fieldset key={g}>
      <legend>{t(g)}</legend>
      {picker(`${g}.province`, 'provinces', t('province'))}
      {picker(`${g}.ward`, 'communes', t('ward'), value(`${g}.province`))}
      {text(`${g}.address`, t('address'))}
    </fieldset>
  );
  return (
    <section
      className="panel"
      data-testid="tk1-fields"
      aria-label={t('title', { n: index + 1, name: row.fullName ?? '' })}
    >
      <h4>{t('title', { n: index + 1, name: row.fullName ?? '' })}</h4>
      <div className="form-grid">
        {place('birthPlace')}
        {place('residence')}
        <fieldset>
          <legend>{t('hospital')}</legend>
          {picker('hospital.province', 'provinces', t('province'))}
          {picker('hospital.code', 'hospitals', t('hospitalCode'), value('hospital.province'))}
        </fieldset>
      </div>
      <button type="button" data-testid="tk1-close" onClick={onClose}>
        {t('close')}
      </button>
    </section>
  );
}
