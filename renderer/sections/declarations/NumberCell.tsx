import { useEffect, useState, type InputHTMLAttributes } from 'react';
import { parseAmount } from './draft-edit';

/**
 * A number input that keeps what the clerk types ("3.500.", "2,") while the draft holds the parsed number; the text
 * follows the value only when the value changes from elsewhere (load, roster rows).
 */
export function NumberCell({ value, onValue, ...rest }: { value: number; onValue(n: number): void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [text, setText] = useState(String(value ?? ''));
  useEffect(() => {
    if (parseAmount(text) !== value) setText(String(value ?? ''));
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
    />
  );
}
