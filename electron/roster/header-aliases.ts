import type { ImportColumn } from '../../shared/ledger/import-columns';

/**
 * Header spellings seen in clerks' spreadsheets and in the VNPT/Thái Sơn D02-TS templates, folded (no diacritics,
 * lower case, letters and digits only — see `foldKey`). A header matches a field when its folded form equals an
 * alias, or starts with one (longest alias wins), so "Ngày sinh (dd/mm/yyyy)" and "Họ và tên người lao động" match.
 * `CMND/CCCD` goes to `cccd`; a 9-digit value there is moved to `cmnd` when the row is read.
 */
export const HEADER_ALIASES: Readonly<Record<ImportColumn, readonly string[]>> = {
  fullName: ['hovaten', 'hoten', 'hotennguoilaodong', 'hotenlaodong', 'hotennld', 'tennguoilaodong', 'fullname', 'name'],
  insuranceNumber: ['masobhxh', 'masobaohiemxahoi', 'masobaohiem', 'sosobhxh', 'sosobaohiemxahoi', 'sosobaohiem', 'msbhxh', 'sobhxh', 'maso', 'insurancenumber'],
  birthDate: ['ngaysinh', 'ngaythangnamsinh', 'namsinh', 'dob', 'birthdate', 'dateofbirth'],
  gender: ['gioitinh', 'gt', 'phai', 'gender', 'sex'],
  cccd: ['cmndcccd', 'cccdcmnd', 'socmndcccd', 'socccdcmnd', 'cccd', 'socccd', 'cancuoccongdan', 'socancuoccongdan', 'socancuoc', 'sodinhdanhcanhan', 'sodinhdanh', 'madinhdanh'],
  cmnd: ['cmnd', 'socmnd', 'chungminhnhandan', 'sochungminhnhandan', 'cmthochieu'],
  nationality: ['quoctich', 'nationality'],
  ethnicity: ['dantoc', 'madantoc', 'ethnicity'],
  birthProvince: ['matinhks', 'matinhkhaisinh', 'tinhkhaisinh', 'matinhnoidangkykhaisinh', 'noidangkykhaisinhtinh'],
  birthDistrict: ['mahuyenks', 'mahuyenkhaisinh', 'huyenkhaisinh', 'mahuyennoidangkykhaisinh', 'noidangkykhaisinhhuyen'],
  birthWard: ['maxaks', 'maxakhaisinh', 'xakhaisinh', 'maxanoidangkykhaisinh', 'noidangkykhaisinhxa'],
  address: ['diachi', 'diachilienhe', 'diachithuongtru', 'noiohiennay', 'address'],
  phone: ['sodienthoai', 'dienthoai', 'dienthoailienhe', 'sdt', 'phone'],
  email: ['email', 'thudientu'],
  jobTitle: ['chucvuchucdanhnghe', 'chucvuchucdanh', 'chucvu', 'chucdanh', 'chucdanhnghe', 'nghenghiep', 'vitricongviec', 'jobtitle'],
  workplace: ['noilamviec', 'diadiemlamviec', 'workplace'],
  department: ['maphongban', 'phongban', 'bophan', 'department'],
  contractType: ['loaihopdonglaodong', 'loaihopdong', 'loaihdld', 'loaihd'],
  contractNumber: ['sohopdonglaodong', 'sohopdong', 'sohdld', 'sohd'],
  contractSigned: ['ngaykyhopdong', 'ngaykyhdld', 'ngaykyhd', 'ngayky'],
  // The contract/work start is the hire date the proposals use (issue 10): "Ngày vào làm", VNPT's `Hdld_tungay`.
  contractStart: ['ngaybatdauhopdong', 'ngaybatdauhdld', 'ngaybatdaulamviec', 'ngaybatdauhd', 'ngaybatdau', 'ngayvaolam', 'hdldtungay', 'ngayhieuluc', 'hieuluctungay', 'tungay'],
  contractEnd: ['ngayketthuchopdong', 'ngayketthuchd', 'ngayketthuc', 'ngayhethan', 'hieulucdenngay', 'denngay'],
  salaryKind: ['loaitienluong', 'loailuong'],
  salary: ['tienluongheso', 'tienluong', 'mucluongdongbhxh', 'mucluong', 'hesoluong', 'luongcoban', 'luong', 'salary'],
  allowancePosition: ['phucapchucvu', 'pccv', 'pcchucvu'],
  allowanceSeniorityExcess: ['phucapthamnienvuotkhung', 'pcthamnienvuotkhung', 'thamnienvuotkhung', 'phucaptnvk', 'pctnvk', 'tnvk'],
  allowanceSeniorityJob: ['phucapthamniennghe', 'pcthamniennghe', 'thamniennghe', 'phucaptnnghe', 'pctnnghe', 'tnnghe'],
  allowanceSalary: ['phucapluong', 'pcluong'],
  allowanceOther: ['cackhoanbosung', 'khoanbosung', 'phucapbosung', 'bosung', 'phucapkhac'],
  wageRegion: ['vungluongtoithieu', 'mavungltt', 'vungluong', 'vung'],
  hospitalCode: ['mabenhvien', 'noikcbbandau', 'noidangkykcb', 'noikcb', 'benhvienkcb', 'noikhambenh', 'mabv', 'makcb'],
  status: ['trangthai', 'tinhtrang', 'status'],
  // Not an employee field: the month BHXH already knows the person from (ledger statement, issue 10).
  participatingSince: [
    'dathamgiabhxhtuthang',
    'thamgiabhxhtuthang',
    'dathamgiabaohiemxahoituthang',
    'thamgiabaohiemxahoituthang',
    'dathamgiatuthang',
    'thamgiatuthang',
    'tuthangthamgiabhxh',
    'tuthangthamgia',
  ],
};

/** Headers that are never data columns. */
export const IGNORED_HEADERS = ['stt', 'sothutu', 'ghichu', 'tt'];
