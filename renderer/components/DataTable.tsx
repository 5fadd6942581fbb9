import { useState, type ReactNode } from 'react';
import { formatNumber } from '../../shared/format';
import { useMessages } from '../i18n';
import { dataTableMessages } from './data-table-messages';

/** One column: its header, how a row fills its cell, and the cell's class / test id. */
export interface Column<T> {
  header: ReactNode;
  cell(row: T): ReactNode;
  className?: string | ((row: T) => string);
  testId?: string | ((row: T) => string);
  /** Hover text of the cell (e.g. the recorded code behind a sentence). */
  title?(row: T): string | undefined;
  /** The cell names its row (`<th scope="row">`), as in a statement whose first column is the line label. */
  rowHeader?: boolean;
}

/** Extra `data-*` attributes of a row, for tests and styles that read a row's state (`data-state`, `data-name`). */
export type RowData = Record<`data-${string}`, string | undefined>;

/**
 * The list table every panel uses (`table.grid` in styles.css): a header row, one row per item, an empty message
 * instead of an empty table. Rows and cells keep the test ids the end-to-end tests look for.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  empty,
  testId,
  rowTestId,
  rowClassName,
  rowData,
  onRowClick,
  ariaLabel,
  pageSize,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  /** A stable key; the index only for rows that have no identity of their own (a report's lines). */
  rowKey(row: T, index: number): string | number;
  empty?: ReactNode;
  testId?: string;
  rowTestId?: string | ((row: T) => string);
  rowClassName?(row: T): string;
  rowData?(row: T): RowData;
  /** A click anywhere on the row (a picker toggles the row's tick). */
  onRowClick?(row: T): void;
  ariaLabel?: string;
  /**
   * Rows rendered at first, then as many more per "Hiện thêm": a large company's statement (10,000 people) or
   * proposals (2,600 rows) rendered whole made the page stall. Without it, every row.
   */
  pageSize?: number;
}) {
  const { t } = useMessages(dataTableMessages);
  const [shown, setShown] = useState(pageSize ?? Infinity);
  if (rows.length === 0 && empty !== undefined) return <p>{empty}</p>;
  const visible = rows.length > shown ? rows.slice(0, shown) : rows;
  return (
    <>
      <table className="grid" data-testid={testId} aria-label={ariaLabel}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {visible.map((r, index) => (
            <tr
              key={rowKey(r, index)}
              data-testid={typeof rowTestId === 'function' ? rowTestId(r) : rowTestId}
              className={rowClassName?.(r) || undefined}
              {...rowData?.(r)}
              onClick={onRowClick && (() => onRowClick(r))}
            >
              {columns.map((c, i) => {
                const Cell = c.rowHeader ? 'th' : 'td';
                return (
                  <Cell
                    key={i}
                    scope={c.rowHeader ? 'row' : undefined}
                    title={c.title?.(r)}
                    data-testid={typeof c.testId === 'function' ? c.testId(r) : c.testId}
                    className={(typeof c.className === 'function' ? c.className(r) : c.className) || undefined}
                  >
                    {c.cell(r)}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {visible.length < rows.length && (
        <p data-testid={testId ? `${testId}-more` : undefined}>
          {t('shown', { shown: formatNumber(visible.length), total: formatNumber(rows.length) })}{' '}
          <button type="button" onClick={() => setShown((n) => n + (pageSize ?? 0))}>
            {t('more', { n: formatNumber(Math.min(pageSize ?? 0, rows.length - visible.length)) })}
          </button>
        </p>
      )}
    </>
  );
}
