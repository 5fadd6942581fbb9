import { defineCatalog } from '../../i18n';

/** Texts of the support tab and of what a restore did not take over (issue #12 item 4, issue #13 item 7). */
export const supportMessages = defineCatalog({
  vi: {
    tabSupport: 'Hỗ trợ',
    supportTitle: 'Gói hỗ trợ',
    supportHint:
      'Khi cần bộ phận hỗ trợ kiểm tra lỗi, hãy xuất gói hỗ trợ và gửi kèm. Gói gồm nhật ký của chương trình, kết quả kiểm tra cài đặt và phiên bản; không có cơ sở dữ liệu, hồ sơ, mã PIN hay mật khẩu, số CCCD và mã số BHXH đã được che.',
    supportExport: 'Xuất gói hỗ trợ',
    supportRunning: 'Đang tạo gói hỗ trợ…',
    supportDone: 'Đã tạo gói hỗ trợ {name} ({count} tệp).',
    logFolder: 'Thư mục nhật ký: {dir}',
    reconfirmTitle:
      'Chưa khôi phục các cài đặt sau (có thể nạp mã lạ hoặc gửi dữ liệu đi nơi khác). Nếu đúng, hãy nhập lại:',
  },
  en: {
    tabSupport: 'Support',
    supportTitle: 'Support bundle',
    supportHint:
      'When support needs to look into a problem, export a support bundle and send it. It holds the program’s logs, the installation check and the versions; no database, dossier, PIN or password, and personal numbers are masked.',
    supportExport: 'Export support bundle',
    supportRunning: 'Building the support bundle…',
    supportDone: 'Support bundle {name} created ({count} files).',
    logFolder: 'Log folder: {dir}',
    reconfirmTitle:
      'These settings were not restored (they could load foreign code or send data elsewhere). If they are right, enter them again:',
  },
});
