import { defineCatalog } from '../../i18n';

export const statementMessages = defineCatalog({
  vi: {
    show: 'Bảng kê phải đóng của tháng',
    title: 'Phải đóng tháng {period} theo những gì cơ quan BHXH đã biết (như C12-TS)',
    people: 'Số người đóng',
    employer: 'Đơn vị',
    employee: 'Người lao động',
    total: 'Tổng',
    name: 'Họ và tên',
    insuranceNo: 'Mã số BHXH',
    salary: 'Tiền lương đóng',
  },
  en: {
    show: 'The month’s statement',
    title: 'Owed for {period} per what BHXH already knows (as C12-TS)',
    people: 'People paying',
    employer: 'Employer',
    employee: 'Employees',
    total: 'Total',
    name: 'Full name',
    insuranceNo: 'Social-insurance no.',
    salary: 'Insured salary',
  },
});
