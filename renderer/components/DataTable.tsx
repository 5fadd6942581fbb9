import type { ReactNode } from 'react';

/** One column: its header, how a row fills its cell, and the cell's class / test id. */
export interface Column<T> {
  header: ReactNode;
  cell(row: T): ReactNode;
  className?: string | ((row: T) => string);
  testId?: string | ((row: T) => string);
}

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
  onRowClick,
  ariaLabel,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string | number;
  empty?: ReactNode;
  testId?: string;
  rowTestId?: string | ((row: T) => string);
  rowClassName?(row: T): string;
  /** A click anywhere on the row (a picker toggles the row's tick). */
  onRowClick?(row: T): void;
  ariaLabel?: string;
}) {
  if (rows.length === 0 && empty !== undefined) return <p>{empty}</p>;
  return (
    <table className="grid" data-testid={testId} aria-label={ariaLabel}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i}>{c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={rowKey(r)}
            data-testid={typeof rowTestId === 'function' ? rowTestId(r) : rowTestId}
            className={rowClassName?.(r) || undefined}
            onClick={onRowClick && (() => onRowClick(r))}
          >
            {columns.map((c, i) => (
              <td
                key={i}
                data-testid={typeof c.testId === 'function' ? c.testId(r) : c.testId}
                className={(typeof c.className === 'function' ? c.className(r) : c.className) || undefined}
              >
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
