import { defineCatalog } from '../i18n';

export const dataTableMessages = defineCatalog({
  vi: {
    shown: 'Đang hiện {shown} trong {total} dòng.',
    more: 'Hiện thêm {n}',
  },
  en: {
    shown: 'Showing {shown} of {total} rows.',
    more: 'Show {n} more',
  },
});
