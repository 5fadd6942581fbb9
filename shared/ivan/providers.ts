/**
 * I-VAN providers (tổ chức cung cấp dịch vụ I-VAN). The data lives in `resources/ivan-providers.json`
 * (schema `resources/schemas/ivan-providers.schema.json`); these are its types and the pure look-ups.
 * MaIVAN codes: BHXH list `api/GetListIVAN` (domain reference §2.4).
 */
export interface IvanProvider {
  /** 5-digit MaIVAN as BHXH Việt Nam assigned it, e.g. "00020". */
  code: string;
  name: string;
  shortName: string;
  /** ISO date from which the provider held a BHXH I-VAN contract. */
  validFrom: string;
  /** ISO date the contract ended, or null while in force. */
  validTo: string | null;
  /** True for the six providers that contracted with BHXH Việt Nam in 2015. */
  contracted2015: boolean;
  /** Where the code and the contract come from, and any caveat. */
  note: string;
  /** The adapter that speaks to this provider; "kekhai-http" is the KêKhai I-VAN HTTP profile. */
  adapter: string;
}

export interface IvanProviderFile {
  version: string;
  source: string;
  providers: IvanProvider[];
}

/** Providers a unit may choose on a given day (ISO yyyy-mm-dd): contract started and not ended. */
export function providersInForce(list: readonly IvanProvider[], isoDay: string): IvanProvider[] {
  return list.filter((p) => p.validFrom <= isoDay && (p.validTo === null || isoDay <= p.validTo));
}
