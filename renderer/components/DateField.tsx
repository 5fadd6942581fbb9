/**
 * A day typed as dd/mm/yyyy, the one date format of the app (shared/format.ts `formatDateVN` / `parseDmy`): a label
 * and a text input with the format as placeholder. The method that receives the date checks it and names the field
 * in its error, which the form shows; this field does not parse.
 */
export function DateField({
  label,
  testId,
  value,
  onChange,
}: {
  label: string;
  testId: string;
  value: string;
  onChange(text: string): void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input data-testid={testId} placeholder="dd/mm/yyyy" value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
