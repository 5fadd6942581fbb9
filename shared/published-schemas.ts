import { z } from 'zod';
import { draftSchema } from './draft/schema';
import { draftFieldNotes } from './draft/field-notes';
import { ivanProviderFileSchema } from './ivan/providers';
import { libraryListSchema } from './signing/library-list';

/**
 * The JSON Schemas published in resources/schemas/, each generated from the zod schema the app itself parses with
 * (`npm run schemas` writes them; tests/unit/architecture/json-schemas.test.ts fails when a file drifts from zod).
 */
export const publishedSchemas: Record<
  string,
  { schema: z.ZodType; id: string; title?: string; description?: string; notes?: Record<string, string> }
> = {
  'kekhai-draft-1.schema.json': {
    schema: draftSchema,
    id: 'https://kekhai.local/schemas/kekhai-draft-1.schema.json',
    title: 'kekhai-draft/1',
    description:
      'Tờ khai thủ tục 600 (D02-TS, TK1-TS, D01-TS) trao đổi giữa phần mềm lương và KêKhai BHXH. Xem docs/draft-format.md. Lược đồ này kiểm tra cấu trúc; các quy định (mã, ngày, lương tối thiểu, mức trần) do KêKhai kiểm tra và báo theo dòng, trường.',
    notes: draftFieldNotes,
  },
  'ivan-providers.schema.json': {
    schema: ivanProviderFileSchema,
    id: 'https://kekhai.local/schemas/ivan-providers.schema.json',
  },
  'pkcs11-libraries.schema.json': {
    schema: libraryListSchema,
    id: 'https://kekhai.local/schemas/pkcs11-libraries.schema.json',
  },
};

/** The file's text: draft-07 (what ajv and editors read), the input side (defaults may be omitted), 2-space JSON. */
export function publishedSchemaText(name: string): string {
  const p = publishedSchemas[name]!;
  const generated = z.toJSONSchema(p.schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  for (const [pointer, text] of Object.entries(p.notes ?? {})) {
    const node = pointer
      .split('/')
      .slice(1)
      .reduce<Record<string, unknown> | undefined>(
        (n, key) => n?.[key] as Record<string, unknown> | undefined,
        generated,
      );
    // A note whose field is gone from the zod schema is an error, not a silent loss.
    if (!node) throw new Error(`${name}: no field at ${pointer} for its note`);
    node.description = text;
  }
  const { $schema, ...rest } = generated;
  const head = {
    $schema,
    $id: p.id,
    ...(p.title ? { title: p.title } : {}),
    ...(p.description ? { description: p.description } : {}),
  };
  return JSON.stringify({ ...head, ...rest }, null, 2) + '\n';
}
