/**
 * Mã tỉnh as the BHXH portal lists them (reference §3.4, observed FINIZI `total-endpoint.har`).
 * Two lists: the 63 provinces valid until the 2025 administrative merger (portal code 129, plus 00 Trung ương),
 * and the 34 units from 01/07/2025 (`api/getDmtinhthanh`). A draft's period picks the list.
 */
export const PROVINCES_2008: Readonly<Record<string, string>> = {
  '00': 'Trung ương', '01': 'Hà Nội', '02': 'Hà Giang', '04': 'Cao Bằng', '06': 'Bắc Kạn', '08': 'Tuyên Quang',
  '10': 'Lào Cai', '11': 'Điện Biên', '12': 'Lai Châu', '14': 'Sơn La', '15': 'Yên Bái', '17': 'Hoà Bình',
  '19': 'Thái Nguyên', '20': 'Lạng Sơn', '22': 'Quảng Ninh', '24': 'Bắc Giang', '25': 'Phú Thọ', '26': 'Vĩnh Phúc',
  '27': 'Bắc Ninh', '30': 'Hải Dương', '31': 'Hải Phòng', '33': 'Hưng Yên', '34': 'Thái Bình', '35': 'Hà Nam',
  '36': 'Nam Định', '37': 'Ninh Bình', '38': 'Thanh Hóa', '40': 'Nghệ An', '42': 'Hà Tĩnh', '44': 'Quảng Bình',
  '45': 'Quảng Trị', '46': 'Thừa Thiên Huế', '48': 'Đà Nẵng', '49': 'Quảng Nam', '51': 'Quảng Ngãi', '52': 'Bình Định',
  '54': 'Phú Yên', '56': 'Khánh Hòa', '58': 'Ninh Thuận', '60': 'Bình Thuận', '62': 'Kon Tum', '64': 'Gia Lai',
  '66': 'Đắk Lắk', '67': 'Đắk Nông', '68': 'Lâm Đồng', '70': 'Bình Phước', '72': 'Tây Ninh', '74': 'Bình Dương',
  '75': 'Đồng Nai', '77': 'Bà Rịa - Vũng Tàu', '79': 'TP Hồ Chí Minh', '80': 'Long An', '82': 'Tiền Giang',
  '83': 'Bến Tre', '84': 'Trà Vinh', '86': 'Vĩnh Long', '87': 'Đồng Tháp', '89': 'An Giang', '91': 'Kiên Giang',
  '92': 'Cần Thơ', '93': 'Hậu Giang', '94': 'Sóc Trăng', '95': 'Bạc Liêu', '96': 'Cà Mau',
};

export const PROVINCES_2025: Readonly<Record<string, string>> = {
  '01': 'Hà Nội', '04': 'Cao Bằng', '08': 'Tuyên Quang', '11': 'Điện Biên', '12': 'Lai Châu', '14': 'Sơn La',
  '15': 'Lào Cai', '19': 'Thái Nguyên', '20': 'Lạng Sơn', '22': 'Quảng Ninh', '24': 'Bắc Ninh', '25': 'Phú Thọ',
  '31': 'Hải Phòng', '33': 'Hưng Yên', '37': 'Ninh Bình', '38': 'Thanh Hóa', '40': 'Nghệ An', '42': 'Hà Tĩnh',
  '44': 'Quảng Trị', '46': 'TP Huế', '48': 'Đà Nẵng', '51': 'Quảng Ngãi', '52': 'Gia Lai', '56': 'Khánh Hòa',
  '66': 'Đắk Lắk', '68': 'Lâm Đồng', '75': 'Đồng Nai', '79': 'TP Hồ Chí Minh', '80': 'Tây Ninh', '82': 'Đồng Tháp',
  '86': 'Vĩnh Long', '91': 'An Giang', '92': 'Cần Thơ', '96': 'Cà Mau',
};

/** The merged list applies from 07/2025 (Nghị quyết 202/2025/QH15, effective 12/06/2025; portal switched 07/2025). */
export const PROVINCE_MERGER_MONTH = '2025-07';

/** The province list valid in a month given as `yyyy-mm`. */
export function provincesFor(isoMonth: string): Readonly<Record<string, string>> {
  return isoMonth >= PROVINCE_MERGER_MONTH ? PROVINCES_2025 : PROVINCES_2008;
}

export function isProvinceCode(code: string, isoMonth: string): boolean {
  return Object.prototype.hasOwnProperty.call(provincesFor(isoMonth), code);
}
