import providerFile from '../../resources/ivan-providers.json' with { type: 'json' };

/**
 * MaIVAN → provider name, used for `TenIVAN` and the provider pickers. Derived from the one data file
 * `resources/ivan-providers.json` (reference §2.4; schema and test in tests/unit/ivan/providers.test.ts), so a change
 * of the provider list is made in one place.
 */
export const IVAN_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  providerFile.providers.map((p) => [p.code, p.name]),
);
