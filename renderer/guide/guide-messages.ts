import { defineCatalog } from '../i18n';

export const guideMessages = defineCatalog({
  vi: { title: 'Hướng dẫn sử dụng', close: 'Đóng (Esc)', contents: 'Mục lục' },
  en: { title: 'User guide (Vietnamese)', close: 'Close (Esc)', contents: 'Contents' },
});
