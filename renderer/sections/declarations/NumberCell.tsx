import { useEffect, useState, type InputHTMLAttributes } from 'react';
import { formatAmount } from '../../../shared/format';
import { parseAmount } from './draft-edit';

/** As the clerk reads it (HTKK): money "3.700.000", a coefficient or rate with a decimal comma "2,34", "32,5". */
export function showAmount(v: number | undefined): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return '';
  return formatAmount(v);
}

/**
 * A number input that keeps what the clerk types ("3.500.", "2,") while the draft holds the parsed number; the text
 * follows the value only when the value changes from elsewhere (load, roster rows), and is shown formatted again
 * when the clerk leaves the cell.
 */
export function NumberCell({
  value,
  onValue,
  ...rest
}: { value: number; onValue(n: number): void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [text, setText] = useState(showAmount(value));
  useEffect(() => {
    if (parseAmount(text) !== value) setText(showAmount(value));
    // Only an outside change of the value resets the text (not every keystroke).
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reading `text` must not re-run this on every keystroke
  }, [value]);
  return (
    <input
      {...rest}
      inputMode="decimal"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onValue(parseAmount(e.target.value));
      }}
      onBlur={(e) => {
        setText(showAmount(parseAmount(e.target.value)));
        rest.onBlur?.(e);
      }}
    />
  );
}
