import { defineCatalog } from '../../i18n';

export const tk1Messages = defineCatalog({
  vi: {
    title: 'TK1-TS dòng {n}: {name}',
    open: 'TK1',
    openLabel: 'Thông tin TK1-TS dòng {n}',
    close: 'Đóng',
    birthPlace: 'Nơi đăng ký khai sinh',
    residence: 'Địa chỉ nhận hồ sơ',
    hospital: 'Nơi đăng ký KCB ban đầu',
    province: 'Tỉnh',
    ward: 'Xã, phường',
    address: 'Số nhà, đường, thôn',
    hospitalCode: 'Cơ sở KCB',
  },
  en: {
    title: 'TK1-TS row {n}: {name}',
    open: 'TK1',
    openLabel: 'TK1-TS details of row {n}',
    close: 'Close',
    birthPlace: 'Birth registration place',
    residence: 'Address for documents',
    hospital: 'Initial KCB place',
    province: 'Province',
    ward: 'Commune/ward',
    address: 'House, street, village',
    hospitalCode: 'Health facility',
  },
});
