import { defineCatalog } from '../i18n';

export const codePickerMessages = defineCatalog({
  vi: {
    placeholder: 'Gõ mã hoặc tên…',
    noMatch: 'Không tìm thấy trong danh mục',
    unknown: 'Mã không có trong danh mục',
    more: 'và {n} kết quả khác — gõ thêm để thu hẹp',
    list: 'Danh mục {title}',
  },
  en: {
    placeholder: 'Type a code or a name…',
    noMatch: 'Nothing found in the list',
    unknown: 'Code not in the list',
    more: 'and {n} more — keep typing to narrow',
    list: '{title} list',
  },
});
