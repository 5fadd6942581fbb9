/** MaIVAN → provider name, from the portal's `api/GetListIVAN` (reference §2.4, observed 2026). Used for `TenIVAN`. */
export const IVAN_NAMES: Readonly<Record<string, string>> = {
  '00001': 'Công Ty Cổ Phần TS24',
  '00020': 'Tổng công ty dịch vụ viễn thông VNPT-Vinaphone',
  '00030': 'Công ty cổ phần công nghệ tin học EFY Việt Nam',
  '00040': 'Công ty Thái Sơn',
  '00050': 'Tập đoàn Viễn thông Quân đội - Viettel',
  '00060': 'Công ty cổ phần Bkav',
  '00070': 'Công ty TNHH giải pháp phần mềm CMC',
  '00080': 'VNPOST',
  '00090': 'Công ty TNHH Giải trí và Truyền thông Online Việt Nam',
  '00100': 'CÔNG TY CỔ PHẦN CYBERLOTUS',
  '00110': 'Công ty Cổ phần MISA',
  '00111': 'CÔNG TY CỔ PHẦN THƯƠNG MẠI VISNAM',
  '00113': 'CÔNG TY CỔ PHẦN ICARE VIỆT NAM',
  '00114': 'CÔNG TY TNHH QUỐC TẾ LÂM HỒNG QUÂN',
  '00115': 'Công ty cổ phần 1Office',
};
