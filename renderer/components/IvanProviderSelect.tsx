import { IVAN_NAMES } from '../../shared/codes/ivan-providers';

/** The I-VAN provider picker (code — name), shared by the unit form and the first-run flow. */
export function IvanProviderSelect({
  value,
  onChange,
  testId,
  placeholder,
}: {
  value: string;
  onChange(code: string): void;
  testId: string;
  placeholder: string;
}) {
  return (
    <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{placeholder}</option>
      {Object.entries(IVAN_NAMES).map(([code, name]) => (
        <option key={code} value={code}>
          {code} — {name}
        </option>
      ))}
    </select>
  );
}
