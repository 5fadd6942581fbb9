import { z } from 'zod';

/**
 * I-VAN providers (tổ chức cung cấp dịch vụ I-VAN). The data lives in `resources/ivan-providers.json`
 * (its JSON Schema `resources/schemas/ivan-providers.schema.json` is generated from the zod schema below); the pure look-ups.
 * MaIVAN codes: BHXH list `api/GetListIVAN` (domain reference §2.4).
 */
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');

export const ivanProviderSchema = z.strictObject({
  code: z
    .string()
    .regex(/^\d{5}$/)
    .meta({ description: 'MaIVAN, 5 digits, as BHXH Việt Nam assigned it, e.g. "00020"' }),
  name: z.string().min(2),
  shortName: z.string().min(2),
  validFrom: isoDay.meta({ description: 'ISO date from which the provider held a BHXH I-VAN contract' }),
  validTo: isoDay.nullable().meta({ description: 'ISO date the contract ended, or null while in force' }),
  contracted2015: z
    .boolean()
    .meta({ description: 'True for the six providers that contracted with BHXH Việt Nam in 2015' }),
  adapter: z
    .enum(['kekhai-http'])
    .meta({ description: 'The adapter that speaks to this provider: the KêKhai I-VAN HTTP profile' }),
  note: z.string().min(10).meta({ description: 'Contract / validity note and the source of the code' }),
});

/** resources/ivan-providers.json, parsed with this schema when it is loaded. */
export const ivanProviderFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.string().min(1),
    source: z.string().min(10),
    providers: z.array(ivanProviderSchema).min(6),
  })
  .meta({ title: 'I-VAN providers (tổ chức cung cấp dịch vụ I-VAN)' });

export type IvanProvider = z.infer<typeof ivanProviderSchema>;
export type IvanProviderFile = Omit<z.infer<typeof ivanProviderFileSchema>, '$schema'>;

/** Providers a unit may choose on a given day (ISO yyyy-mm-dd): contract started and not ended. */
export function providersInForce(list: readonly IvanProvider[], isoDay: string): IvanProvider[] {
  return list.filter((p) => p.validFrom <= isoDay && (p.validTo === null || isoDay <= p.validTo));
}
