import { defineCatalog } from '../../i18n';

export const participationMessages = defineCatalog({
  vi: {
    label: 'Đã tham gia BHXH từ tháng (mm/yyyy)',
    hint: 'Cơ quan BHXH đã biết người này tham gia từ tháng này: không đề xuất báo tăng mới. Để trống nếu chưa báo tăng.',
    bad: 'Tháng phải có dạng mm/yyyy',
  },
  en: {
    label: 'Known to BHXH as participating since (mm/yyyy)',
    hint: 'BHXH already knows this person from this month: no new-participant row is proposed. Leave empty if not declared yet.',
    bad: 'The month must be mm/yyyy',
  },
});

export const participationImportMessages = defineCatalog({
  vi: {
    label: 'Người trong tệp chưa có thông tin tham gia: đã tham gia BHXH từ tháng (mm/yyyy)',
    hint: 'Để trống nếu họ chưa được báo tăng. Người có ngày bắt đầu HĐLĐ sau tháng này được coi là vào làm mới.',
  },
  en: {
    label: 'People in the file without participation information: known to BHXH since (mm/yyyy)',
    hint: 'Leave empty if they were never declared. People whose contract starts after this month are new hires.',
  },
});
