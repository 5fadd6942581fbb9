import { z } from 'zod';

/**
 * resources/pkcs11-libraries.json: the PKCS#11 libraries probed for USB signing tokens, per OS. Parsed with this schema
 * when it is read; its JSON Schema (resources/schemas/pkcs11-libraries.schema.json) is generated from it.
 */
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');
const paths = (pattern: RegExp) =>
  z.array(z.string().regex(pattern)).refine((a) => new Set(a).size === a.length, 'Đường dẫn trùng nhau');

export const libraryListSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.string().min(1),
    updated: isoDay,
    source: z.string().min(10),
    validFrom: isoDay,
    validTo: isoDay.nullable().optional(),
    libraries: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
          vendor: z.string().min(2),
          notes: z.string().optional(),
          paths: z
            .strictObject({
              windows: paths(
                /^(%(WINDIR|PROGRAMFILES|PROGRAMFILES\(X86\)|SYSTEMROOT)%|[A-Za-z]:)\\.+\.dll$/,
              ).optional(),
              linux: paths(/^\/.+\.so(\.[0-9]+)*$/).optional(),
              darwin: paths(/^\/.+\.(so|dylib)$/).optional(),
            })
            .refine((p) => Object.keys(p).length > 0, 'Cần ít nhất một hệ điều hành'),
        }),
      )
      .min(1),
  })
  .meta({ title: 'PKCS#11 libraries probed for USB signing tokens' });

export type LibraryListFile = z.infer<typeof libraryListSchema>;
