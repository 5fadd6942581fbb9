import { codesMethods } from '../../shared/contract/codes';
import type { CodeList, CodeListName } from '../../shared/codes/code-list';
import type { Handlers } from '../core/handlers';
import type { ServiceContext } from '../core/context';
import { AppError } from '../core/app-error';
import { codeCatalogFor } from './load';
import { isoDayVN } from '../../shared/format';

function versionFor(ctx: ServiceContext, list: CodeListName, asOf: string | undefined): CodeList {
  // The list in force on the clerk's day in Vietnam: at 00:30 on 01/07/2025 there it is already the new list.
  const day = asOf ?? isoDayVN(ctx.now());
  const v = codeCatalogFor(ctx.resourcesDir).forPicker(list, day);
  if (!v) throw new AppError('NOT_FOUND', `Chưa có danh mục "${list}"`, { en: `No "${list}" list` });
  return v;
}

export const codesHandlers: Handlers<typeof codesMethods> = {
  'codes.search': (input, ctx) => {
    const v = versionFor(ctx, input.list, input.asOf);
    const { rows, total } = v.search({ search: input.search, province: input.province, limit: input.limit });
    return {
      list: input.list,
      validFrom: v.info.validFrom,
      source: v.info.source,
      codePattern: v.codePattern,
      total,
      rows,
    };
  },
  'codes.get': (input, ctx) => {
    const v = versionFor(ctx, input.list, input.asOf);
    const rows = input.codes.map((c) => v.get(c)).filter((e) => e !== undefined);
    const unknown = input.codes.filter((c) => !v.has(c));
    return {
      list: input.list,
      validFrom: v.info.validFrom,
      source: v.info.source,
      codePattern: v.codePattern,
      rows,
      unknown,
    };
  },
};
