import { useEffect, useId, useRef, useState } from 'react';
import type { CodeListName } from '../../shared/codes/code-list';
import type { CodeEntryOut } from '../../shared/contract/codes';
import { api } from '../api/client';
import { useMessages } from '../i18n';
import { codePickerMessages } from './code-picker-messages';
import './code-picker.css';

const SHOWN = 30;

interface Props {
  list: CodeListName;
  value: string;
  onChange(code: string): void;
  /** Hospitals and communes of one province only. */
  province?: string;
  /** The day or period whose list applies (yyyy-mm-dd or yyyy-mm); default the app's today. */
  asOf?: string;
  testId: string;
  /** Accessible name of the input (the visible label is the caller's). */
  label: string;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
  /** `data-field` of the input (the draft grid's error panel focuses a field by it). */
  dataField?: string;
  title?: string;
}

/**
 * Searchable picker over a dated code list (`codes.search`): type a code or words of the name with or without
 * diacritics ("đa khoa thanh hoa" → 38280), pick with the arrow keys and Enter (or the mouse); Escape restores the
 * value. The chosen code's name is shown beside it. ARIA 1.2 combobox pattern.
 */
export function CodePicker({
  list,
  value,
  onChange,
  province,
  asOf,
  testId,
  label,
  invalid,
  describedBy,
  disabled,
  dataField,
  title,
}: Props) {
  const { t } = useMessages(codePickerMessages);
  const id = useId();
  const [query, setQuery] = useState<string | null>(null); // null = not editing: the input shows the value
  const [rows, setRows] = useState<CodeEntryOut[]>([]);
  const [total, setTotal] = useState(0);
  const [active, setActive] = useState(0);
  const [name, setName] = useState<string | null>(null);
  const seq = useRef(0);
  const open = query !== null && query.trim() !== '';

  // The name beside the current code.
  useEffect(() => {
    if (!value) return setName(null);
    let live = true;
    void api.call('codes.get', { list, codes: [value], asOf }).then((r) => {
      if (live) setName(r.ok ? (r.value.rows[0]?.name ?? '') : null);
    });
    return () => {
      live = false;
    };
  }, [list, value, asOf]);

  // Search as the clerk types (the latest answer wins).
  useEffect(() => {
    if (!open) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      void api
        .call('codes.search', { list, search: query!, province: province || undefined, asOf, limit: SHOWN })
        .then((r) => {
          if (mine !== seq.current || !r.ok) return;
          setRows(r.value.rows);
          setTotal(r.value.total);
          setActive(0);
        });
    }, 120);
    return () => clearTimeout(timer);
  }, [open, query, list, province, asOf]);

  const choose = (code: string) => {
    setQuery(null);
    setRows([]);
    if (code !== value) onChange(code);
  };

  /**
   * Leaving the field: an empty field clears; a code the list knows is taken; a code of the list's shape that the list
   * does not know (an old commune of a birth place, a code newer than the list) is taken too and shown as not in the
   * list — validation decides; anything else restores the value.
   */
  const settle = () => {
    if (query === null) return;
    const typed = query.trim();
    if (typed === '') return choose('');
    const exact = rows.find((r) => r.code.toLowerCase() === typed.toLowerCase());
    if (exact) return choose(exact.code);
    setQuery(null);
    const code = typed.toUpperCase();
    void api.call('codes.get', { list, codes: [code], asOf }).then((r) => {
      if (!r.ok) return;
      if (r.value.rows[0]) choose(r.value.rows[0].code);
      else if (r.value.codePattern && new RegExp(r.value.codePattern).test(code)) choose(code);
    });
  };

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return setQuery(value);
      const n = rows.length;
      if (n) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      const row = rows[active];
      if (row) choose(row.code);
    } else if (e.key === 'Escape' && query !== null) {
      e.preventDefault();
      setQuery(null);
    }
  }

  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${i}`;
  return (
    <span className="code-picker">
      <input
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && rows[active] ? optionId(active) : undefined}
        aria-invalid={invalid || (value !== '' && name === '') ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
        data-field={dataField}
        disabled={disabled}
        title={title}
        placeholder={t('placeholder')}
        value={query ?? value}
        autoComplete="off"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={settle}
      />
      {value && name !== null && (
        <small className={name ? 'code-picker-name' : 'code-picker-name error'} data-testid={`${testId}-name`}>
          {name || t('unknown')}
        </small>
      )}
      {open && (
        <ul
          id={listId}
          role="listbox"
          className="code-picker-list"
          data-testid={`${testId}-options`}
          aria-label={label}
        >
          {rows.map((r, i) => (
            <li
              key={r.code}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(r.code);
              }}
            >
              <code>{r.code}</code> {r.name}
            </li>
          ))}
          {rows.length === 0 && <li className="code-picker-empty">{t('noMatch')}</li>}
          {total > rows.length && <li className="code-picker-empty">{t('more', { n: total - rows.length })}</li>}
        </ul>
      )}
    </span>
  );
}
