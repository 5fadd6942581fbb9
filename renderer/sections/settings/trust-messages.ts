import { defineCatalog } from '../../i18n';

/** Texts of the trusted-issuers tab (issue #12 item 2). */
export const trustMessages = defineCatalog({
  vi: {
    tabTrust: 'Tổ chức cấp tin cậy',
    trustTitle: 'Tổ chức cấp chứng thư số tin cậy',
    trustHint:
      'Chữ ký chỉ được coi là tin cậy khi chứng thư số của người ký do một tổ chức trong danh sách này cấp. Hãy nhập chứng thư gốc quốc gia và chứng thư của nhà cung cấp chữ ký số (tệp .pem, .cer hoặc gói .p7b) do bộ phận CNTT hoặc nhà cung cấp gửi. Chưa kiểm tra thu hồi chứng thư (CRL/OCSP).',
    trustImport: 'Nhập chứng thư CA…',
    trustEmpty:
      'Chưa có tổ chức cấp nào. Mọi chữ ký sẽ ở trạng thái "chữ ký còn nguyên nhưng chưa xác minh được tổ chức cấp".',
    trustAdded: 'Đã thêm {count} chứng thư.',
    trustPresent: 'Đã có sẵn {count} chứng thư.',
    trustRemoved: 'Đã bỏ {subject}.',
    trustRemove: 'Bỏ',
    trustCancel: 'Không',
    trustConfirmRemove:
      'Bỏ "{subject}" khỏi danh sách tin cậy? Chữ ký do tổ chức này cấp sẽ không còn được coi là tin cậy.',
    trustSubject: 'Tổ chức',
    trustFingerprint: 'Dấu vân tay SHA-256',
    trustValidity: 'Hiệu lực',
    trustSource: 'Nguồn',
    trustSourceStore: 'Đã nhập',
    trustSourceBuiltIn: 'Có sẵn — chỉ cho chứng thư thử nghiệm 2015',
  },
  en: {
    tabTrust: 'Trusted issuers',
    trustTitle: 'Trusted certificate issuers',
    trustHint:
      'A signature is trusted only when the signer’s certificate was issued by an authority in this list. Import the national root and your signature provider’s CA certificates (.pem, .cer or a .p7b bundle) sent by IT or the provider. Revocation (CRL/OCSP) is not checked.',
    trustImport: 'Import CA certificate…',
    trustEmpty: 'No issuer yet. Every signature will show as “intact but the issuer is not verified”.',
    trustAdded: '{count} certificate(s) added.',
    trustPresent: '{count} certificate(s) already present.',
    trustRemoved: 'Removed {subject}.',
    trustRemove: 'Remove',
    trustCancel: 'No',
    trustConfirmRemove: 'Remove “{subject}” from the trusted list? Signatures it issued will no longer be trusted.',
    trustSubject: 'Issuer',
    trustFingerprint: 'SHA-256 fingerprint',
    trustValidity: 'Validity',
    trustSource: 'Source',
    trustSourceStore: 'Imported',
    trustSourceBuiltIn: 'Built in — the 2015 test certificate only',
  },
});
