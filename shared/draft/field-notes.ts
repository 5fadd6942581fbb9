/**
 * Field notes of the published kekhai-draft/1 JSON Schema (resources/schemas/kekhai-draft-1.schema.json), keyed by
 * JSON pointer; the structure itself comes from `draftSchema` (shared/published-schemas.ts).
 */
export const draftFieldNotes: Record<string, string> = {
  '/properties/period': 'Kỳ kê khai mm/yyyy',
  '/properties/batch': 'Đợt, mặc định 1',
  '/properties/createdOn': 'Ngày lập dd/mm/yyyy',
  '/properties/ivan': 'Mã I-VAN 5 chữ số',
  '/properties/unit/properties/code': 'Mã đơn vị, 7 ký tự',
  '/properties/unit/properties/taxCode': 'Mã số thuế',
  '/properties/unit/properties/agencyCode': 'Mã cơ quan BHXH, 5 chữ số',
  '/properties/unit/properties/wageRegion': '01–04',
  '/properties/rows/items/properties/plan': 'Phương án (PA), docs reference §3.1',
  '/properties/rows/items/properties/fullName': 'Họ và tên (HoTen), ≤ 100 ký tự',
  '/properties/rows/items/properties/insuranceNo':
    'Mã số BHXH, 10 chữ số; rỗng khi tham gia lần đầu (sinh tờ khai TK1-TS)',
  '/properties/rows/items/properties/birthDate': 'dd/mm/yyyy, mm/yyyy hoặc yyyy',
  '/properties/rows/items/properties/idNumber': 'CCCD 12 chữ số hoặc CMND 9 chữ số',
  '/properties/rows/items/properties/nationality': 'ISO 3166-1 alpha-2, mặc định VN',
  '/properties/rows/items/properties/ethnicity':
    'Mã dân tộc theo danh mục BHXH (01 Kinh … 99 người nước ngoài), mặc định 01',
  '/properties/rows/items/properties/position': 'Chức vụ, chức danh nghề (ChucVu)',
  '/properties/rows/items/properties/workplace': 'Nơi làm việc',
  '/properties/rows/items/properties/salary': 'Tiền lương: số đồng, hoặc hệ số khi ≤ 100',
  '/properties/rows/items/properties/allowances/properties/position': 'PhuCapCV',
  '/properties/rows/items/properties/allowances/properties/seniorityExcessPct': 'PhuCapTNVK, %',
  '/properties/rows/items/properties/allowances/properties/seniorityJobPct': 'PhuCapTNNghe, %',
  '/properties/rows/items/properties/allowances/properties/salary': 'PhuCapLuong',
  '/properties/rows/items/properties/allowances/properties/other': 'PhuCapBosung',
  '/properties/rows/items/properties/fromMonth': 'mm/yyyy',
  '/properties/rows/items/properties/toMonth': 'mm/yyyy hoặc rỗng',
  '/properties/rows/items/properties/wageRegion': '01–04; rỗng = vùng của đơn vị',
  '/properties/rows/items/properties/contract/properties/signedOn': 'dd/mm/yyyy',
  '/properties/rows/items/properties/contract/properties/from': 'dd/mm/yyyy',
  '/properties/rows/items/properties/contract/properties/to': 'dd/mm/yyyy',
  '/properties/rows/items/properties/note': 'Ghi chú (Ghichu) ≤ 500 ký tự; rỗng = soạn từ hợp đồng',
  '/properties/rows/items/properties/previousSalary':
    'Tiền lương trước dòng này (DC: số tiền là phần chênh lệch, không phải toàn bộ lương mới)',
  '/properties/rows/items/properties/hazardLevel':
    'Nặng nhọc, độc hại (+5 %) hoặc đặc biệt nặng nhọc, độc hại (+7 %) khi quy định còn hiệu lực',
  '/properties/rows/items/properties/trained':
    'Lao động qua đào tạo nghề: lương ≥ tối thiểu vùng + 7 % khi quy định còn hiệu lực',
  '/properties/rows/items/properties/deathDate': 'Ngày chết dd/mm/yyyy (GH do chết)',
  '/properties/rows/items/properties/department': 'MaPhongBan',
  '/properties/rows/items/properties/interest': 'TinhLai',
  '/properties/rows/items/properties/hasBook': 'DaCoSo; mặc định = có mã số BHXH',
  '/properties/rows/items/properties/personalChanges': 'Nội dung thay đổi thông tin cá nhân (sinh TK1-TS)',
};
