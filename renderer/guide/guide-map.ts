import type { SectionId } from '../app/sections';

/** Which guide page explains which screen. */
export const GUIDE_PAGE_OF: Record<SectionId, string> = {
  units: '01-cai-dat-va-lan-dau.md',
  employees: '02-nhap-danh-sach-lao-dong.md',
  declarations: '03-bao-tang-bao-giam.md',
  signing: '04-ky-so-va-loi-token.md',
  inbox: '05-nop-ho-so-va-ket-qua.md',
  settings: '06-sao-luu-va-nhat-ky.md',
};
