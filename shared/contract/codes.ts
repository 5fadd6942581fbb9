import { z } from 'zod';
import { defineMethods } from './define';
import { CODE_LIST_NAMES } from '../codes/code-list';

/** Code lists as dated data (resources/codes): pickers in the forms, `kekhai codes …`, validation. */
const listName = z.enum(CODE_LIST_NAMES);
const isoDay = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'Ngày áp dụng phải có dạng yyyy-mm-dd hoặc yyyy-mm');

export const codeEntry = z.object({
  code: z.string(),
  name: z.string(),
  province: z.string().optional(),
  otherNames: z.string().optional(),
});
export type CodeEntryOut = z.infer<typeof codeEntry>;

const versionOut = {
  list: listName,
  /** The version used: first day it applies (yyyy-mm-dd) and where it comes from. */
  validFrom: z.string(),
  source: z.string(),
  /** The shape every code of the list has (a regular expression, e.g. ^\\d{5}$). */
  codePattern: z.string(),
};

export const codesMethods = defineMethods({
  'codes.search': {
    summary: 'Tìm trong danh mục mã (bệnh viện, xã, tỉnh, quốc tịch, dân tộc) / Search a code list',
    input: z
      .object({
        list: listName,
        /** Code or words of the name, with or without diacritics ("đa khoa thanh hoa"). */
        search: z.string().max(200).optional(),
        /** Only hospitals or communes of this province (mã tỉnh, 2 digits). */
        province: z
          .string()
          .regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số')
          .optional(),
        limit: z.number().int().min(1).max(20000).optional(),
        /** The day or period whose list applies; default today (the app's clock). */
        asOf: isoDay.optional(),
      })
      .strict(),
    output: z.object({ ...versionOut, total: z.number().int(), rows: z.array(codeEntry) }),
  },
  'codes.get': {
    summary: 'Tên của các mã trong một danh mục / Names of codes in a list',
    input: z.object({ list: listName, codes: z.array(z.string().max(20)).max(500), asOf: isoDay.optional() }).strict(),
    output: z.object({ ...versionOut, rows: z.array(codeEntry), unknown: z.array(z.string()) }),
  },
});
