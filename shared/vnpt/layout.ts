/**
 * The VNPT-BHXH import workbook (FileMau_D02_TK1_VNPT.xlsx), as recorded in ../shared/reference/vnpt-template.md:
 * row 1 notes for the clerk, row 2 Vietnamese labels, row 3 the XML element names (the reliable key of each column),
 * data from row 4. Columns A… in the order below; an empty name is a column the template keeps without a key.
 */
export interface VnptColumn {
  label: string;
  name: string;
}

const col = (label: string, name: string): VnptColumn => ({ label, name });

export const VNPT_DATA_SHEET = 'Dữ Liệu';
export const VNPT_HOUSEHOLD_SHEET = 'Phụ lục';
export const VNPT_DOCUMENTS_SHEET = 'Bảng kê';

export const VNPT_DATA_COLUMNS: readonly VnptColumn[] = [
  col('ID Lao động', 'STT'),
  col('Họ tên', 'HoTen'),
  col('Mã số BHXH', 'MasoBHXH'),
  col('Loại khai báo', 'TenLoaiKhaiBao'),
  col('Mã loại khai báo', 'Loai'),
  col('Phương án', 'TenPhuongAn'),
  col('Mã Phương án', 'PA'),
  col('Chức vụ', 'ChucVu'),
  col('Nơi làm việc', 'NoiLamViec'),
  col('Tiền lương/ Hệ số lương', 'TienLuong'),
  col('Phụ cấp CV', 'PhuCapCV'),
  col('Phụ cấp TNVK (%)', 'PhuCapTNVK'),
  col('Phụ cấp TN Nghề (%)', 'PhuCapTNNghe'),
  col('Phụ cấp lương', 'PhuCapLuong'),
  col('Phụ cấp bổ sung', 'PhuCapBosung'),
  col('Từ tháng', 'TuThang'),
  col('Đến tháng', 'DenThang'),
  col('Ngày chết', 'NgayChet'),
  col('Ghi chú', 'Ghichu'),
  col('Tỷ lệ đóng(%)', 'TyleDong'),
  col('Tính lãi', 'TinhLai'),
  col('Đã có sổ', 'DaCoSo'),
  col('Mức hưởng BHYT', 'MucHuong'),
  col('Phòng ban làm việc', 'MaPhongBan'),
  col('Mã vùng sinh sống', 'MavungSS'),
  col('Mã vùng lương tối thiểu', 'MavungLTT'),
  col('Bổ sung thêm TK1', 'Tk1_Save'),
  col('CMND', 'CMND'),
  col('Mã hộ gia đình', 'Maho_Giadinh'),
  col('Ngày sinh', 'NgaySinh'),
  col('Giới tính', 'GioiTinh'),
  col('Quốc tịch', 'TenQuocTich'),
  col('Mã quốc tịch', 'QuocTich'),
  col('Dân tộc', 'TenDanToc'),
  col('Mã Dân tộc', 'DanToc'),
  col('Tỉnh - Bệnh viện', 'TenTinhBenhVien'),
  col('Mã Tỉnh - Bệnh viện', 'MaTinhBenhVien'),
  col('Bệnh viện (KCB ban đầu)', 'TenBenhVien'),
  col('Mã Bệnh viện', 'MaBenhVien'),
  col('Tỉnh - Khai sinh', 'TenTinhKS'),
  col('Mã Tỉnh - Khai sinh', 'Matinh_KS'),
  col('Xã - Khai sinh', 'TenXaKS'),
  col('Mã xã - Khai sinh', 'Maxa_KS'),
  col('Xã - Khai sinh', ''),
  col('Mã xã - Khai sinh', ''),
  col('Tỉnh - Địa chỉ liên hệ', 'TenTinhNN'),
  col('Mã tỉnh - Địa chỉ liên hệ', 'Matinh_NN'),
  col('Xã - Địa chỉ liên hệ', 'TenXaNN'),
  col('Mã xã - Địa chỉ liên hệ', 'Maxa_NN'),
  col('Xã - Địa chỉ liên hệ', 'TenXaNN'),
  col('Mã xã - Địa chỉ liên hệ', 'Maxa_NN'),
  col('Địa chỉ nhận hồ sơ', 'Diachi_NN'),
  col('Tên cha/mẹ/người giám hộ', 'Ten_ChaMe_Giamho'),
  col('Điện thoại liên hệ', 'Dienthoai_LH'),
  col('Mức tiền đóng', 'Mucdong'),
  col('Phương thức đóng', 'Phuongthuc'),
  col('Nội dung yêu cầu thay đổi', 'Noidung_Thaydoi'),
  col('Hồ sơ kèm theo', 'HosoKemtheo'),
  col('Email liên hệ', 'Email_LH'),
  col('Địa chỉ khai sinh', 'Diachi_KS'),
  col('Ngày bắt đầu', 'Vtvl_nql_tungay'),
  col('Ngày kết thúc', 'Vtvl_nql_denngay'),
  col('Ngày bắt đầu', 'Vtvl_cmktbc_tungay'),
  col('Ngày kết thúc', 'Vtvl_cmktbc_denngay'),
  col('Ngày bắt đầu', 'Vtvl_cmktbt_tungay'),
  col('Ngày kết thúc', 'Vtvl_cmktbt_denngay'),
  col('Ngày bắt đầu', 'Vtvl_khac_tungay'),
  col('Ngày kết thúc', 'Vtvl_khac_denngay'),
  col('Ngày bắt đầu', 'Nndh_tungay'),
  col('Ngày kết thúc', 'Nndh_denngay'),
  col('Ngày bắt đầu hợp đồng lao động không xác định thời hạn', 'Hdld_tungay'),
  col('Ngày bắt đầu', 'Hdld_xdth_tungay'),
  col('Ngày kết thúc', 'Hdld_xdth_denngay'),
  col('Ngày bắt đầu', 'Hdld_khac_tungay'),
  col('Ngày kết thúc', 'Hdld_khac_denngay'),
  col('Nhận bản điện tử', 'Nhan_BanDientu'),
  col('Nhận bản giấy', 'Nhan_Bangiay'),
  col('Địa chỉ nhận bản giấy', 'Diachi_NhanBangiay'),
  col('Tỉnh - Địa chỉ nhận bản giấy', 'Tinh_NhanBangiay'),
  col('Mã tỉnh - Địa chỉ nhận bản giấy', 'Matinh_NhanBangiay'),
  col('Xã - Địa chỉ nhận bản giấy', 'Xa_NhanBangiay'),
  col('Xã - Địa chỉ nhận bản giấy', 'Maxa_NhanBangiay'),
];

/**
 * KêKhai's own columns, written after the template's last (CD): draft-row fields the VNPT layout has no column for,
 * so draft → sheet → draft keeps them (the DC row's previous salary, without which its amount cannot be computed; a
 * contract whose type is not known yet). Named `KeKhai_…` in row 3 so no VNPT-BHXH key is taken; a workbook
 * without them reads as before.
 */
export const KEKHAI_DATA_COLUMNS: readonly VnptColumn[] = [
  col('Tiền lương trước điều chỉnh (KêKhai)', 'KeKhai_TienLuongCu'),
  col('Số HĐLĐ (KêKhai)', 'KeKhai_SoHdld'),
  col('Ngày ký HĐLĐ (KêKhai)', 'KeKhai_NgayKyHdld'),
  col('Ngày bắt đầu HĐLĐ, chưa rõ loại (KêKhai)', 'KeKhai_Hdld_tungay'),
  col('Ngày kết thúc HĐLĐ, chưa rõ loại (KêKhai)', 'KeKhai_Hdld_denngay'),
  col('Đã qua đào tạo nghề (KêKhai)', 'KeKhai_DaoTao'),
  col('Mức nặng nhọc, độc hại (KêKhai)', 'KeKhai_NangNhoc'),
  col('Mã huyện - Khai sinh (KêKhai)', 'KeKhai_Mahuyen_KS'),
  col('Mã huyện - Địa chỉ liên hệ (KêKhai)', 'KeKhai_Mahuyen_NN'),
];

/** `KeKhai_NangNhoc` text ↔ the draft's `hazardLevel`. */
export const KEKHAI_HAZARD_LEVELS = { heavy: 'nặng nhọc', especiallyHeavy: 'đặc biệt nặng nhọc' } as const;

export const VNPT_HOUSEHOLD_COLUMNS: readonly VnptColumn[] = [
  col('ID Lao động lấy ở Sheet Dữ Liệu', 'STT'),
  col('Họ tên Thành viên', 'HoTen'),
  col('Mã số BHXH', 'MasoBHXH'),
  col('Ngày sinh (tháng/năm hoặc năm sinh)', 'NgaySinh'),
  col('Giới tính', 'GioiTinh'),
  col('Tỉnh khai sinh', 'TenTinhKS'),
  col('Mã tỉnh khai sinh', 'Matinh_KS'),
  col('Xã khai sinh', 'TenXaKS'),
  col('Mã xã khai sinh', 'Maxa_KS'),
  col('Mối quan hệ', 'TenMoiQuanHe'),
  col('Mã quan hệ', 'MoiQuanHe'),
  col('Số CMND của thành viên', 'CMND'),
  col('Ghi chú', 'Ghichu'),
];

export const VNPT_DOCUMENT_COLUMNS: readonly VnptColumn[] = [
  col('', 'STT'),
  col('', 'HoTen'),
  col('', 'MasoBHXH'),
  col('', 'TenLoaiVanBan'),
  col('', 'SoVanBan'),
  col('', 'NgayBanHanh'),
  col('', 'NgayHieuLuc'),
  col('', 'CoQuanBanHanh'),
  col('', 'TrichYeu'),
  col('', 'NoiDungThamDinh'),
];

/** Row 1 of the data sheet: the template's notes for the clerk. */
export const VNPT_NOTES = [
  'Dữ liệu nhập bắt đầu từ dòng thứ 4',
  'Giới tính: Nam: 1  Nữ: 0',
  'Dùng dấu phẩy để phân tách hàng thập phân',
  'Tính lãi, Đã có sổ: 0: không 1: có',
];

/** Loại khai báo names (sheet `Tổng hợp ` of the template). */
export const VNPT_LOAI_NAMES: Readonly<Record<number, string>> = {
  1: 'Tăng lao động',
  2: 'Tăng mức lương',
  3: 'Giảm lao động',
  4: 'Giảm mức lương',
  5: 'Khác',
};

/** XML names that only the VNPT workbook's row 3 carries, spelled exactly: a row with three of them is that row. */
const SIGNATURE = new Set([
  'HoTen',
  'MasoBHXH',
  'NgaySinh',
  'GioiTinh',
  'PA',
  'Loai',
  'TuThang',
  'TienLuong',
  'MaBenhVien',
  'Matinh_KS',
]);

export function isVnptNamesRow(cells: readonly unknown[]): boolean {
  let n = 0;
  for (const c of cells) if (typeof c === 'string' && SIGNATURE.has(c.trim())) n++;
  return n >= 3;
}
