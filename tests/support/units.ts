/** Units the integration tests register, and the file shape the import methods take. */

/** The roster tests' garment company (Hồ Chí Minh agency 07906, wage region I). */
export const SAIGON_UNIT = {
  code: 'TS12345',
  name: 'Công ty TNHH May Sài Gòn',
  taxCode: '0100109106',
  agencyCode: '07906',
  wageRegion: '01',
};

/** The ledger tests' small unit (agency 03801, wage region I). */
export const LEDGER_UNIT = {
  code: 'TA0001A',
  name: 'Mẫu',
  taxCode: '0100109106',
  agencyCode: '03801',
  wageRegion: '01',
};

/** The clerk's-month unit (agency 03801, Thanh Hóa in the print; wage region I), in vitest and in the browser. */
export const MONTH_UNIT = {
  code: 'TA0001A',
  name: 'Công ty TNHH Mẫu',
  taxCode: '0100109106',
  agencyCode: '03801',
  wageRegion: '01',
};

/** A file as the import methods receive it: its name and its bytes in base64. */
export const fileBlob = (name: string, bytes: Uint8Array) => ({ name, base64: Buffer.from(bytes).toString('base64') });

/** The first-run unit of the browser tests (Thanh Hoá agency 38101), as the clerk types it into the unit form. */
export const TAN_AN_UNIT = {
  code: 'TA00001',
  name: 'Công ty TNHH Tân An',
  taxCode: '0101234565',
  agencyCode: '38101',
  address: '12 Lê Lợi, TP Thanh Hoá',
};
