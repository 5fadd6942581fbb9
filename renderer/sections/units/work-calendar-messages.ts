import { defineCatalog } from '../../i18n';

export const workCalendarMessages = defineCatalog({
  vi: {
    label: 'Lịch làm việc (quy tắc 14 ngày)',
    c26: '26 ngày — thứ Hai đến thứ Bảy',
    c22: '22 ngày — thứ Hai đến thứ Sáu',
    hint: 'Dùng để đếm ngày làm việc không làm, không hưởng lương trong tháng (Luật BHXH 2014 Điều 85 k.3) khi đề xuất báo tăng, báo giảm.',
  },
  en: {
    label: 'Working calendar (14-day rule)',
    c26: '26 days — Monday to Saturday',
    c22: '22 days — Monday to Friday',
    hint: 'Counts the scheduled days not worked and unpaid in a month (Social Insurance Law 2014 art. 85.3) when proposing increases and decreases.',
  },
});
