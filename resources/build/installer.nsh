; KêKhai BHXH — Vietnamese texts and behaviour for the NSIS installer (electron-builder nsis.include).
; Saved as UTF-8 with BOM: NSIS 3 (Unicode) reads the Vietnamese strings correctly only with the BOM.

!macro customHeader
  Caption "Cài đặt KêKhai BHXH"
  BrandingText "KêKhai BHXH — kê khai BHXH, BHYT, BHTN điện tử"
!macroend

!macro customWelcomePage
  !define MUI_WELCOMEPAGE_TITLE "Chào mừng bạn đến với KêKhai BHXH"
  !define MUI_WELCOMEPAGE_TEXT "Chương trình sẽ cài đặt KêKhai BHXH lên máy tính này.$\r$\n$\r$\nBạn có thể cài cho riêng tài khoản Windows của mình (không cần quyền quản trị) hoặc cho mọi người dùng trên máy (cần quyền quản trị).$\r$\n$\r$\nDữ liệu kê khai được lưu trong thư mục của từng người dùng và được sao lưu tự động mỗi ngày.$\r$\n$\r$\nNhấn Tiếp theo để tiếp tục."
  !insertmacro MUI_PAGE_WELCOME
!macroend

!macro customInstall
  ; The installer language, so the app and the uninstaller can follow it.
  WriteRegStr SHCTX "Software\KeKhaiBHXH" "InstallerLanguage" "vi-VN"
!macroend

!macro customUnInstall
  ; An update also runs the old uninstaller: only a real uninstall says where the data stays.
  ${ifNot} ${isUpdated}
    MessageBox MB_OK|MB_ICONINFORMATION "Đã gỡ KêKhai BHXH. Dữ liệu kê khai và các bản sao lưu vẫn được giữ trong thư mục:$\r$\n$APPDATA\KeKhaiBHXH$\r$\nCài lại chương trình để tiếp tục làm việc với dữ liệu này." /SD IDOK
    DeleteRegKey SHCTX "Software\KeKhaiBHXH"
  ${endIf}
!macroend
