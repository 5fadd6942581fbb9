import { AppError } from '../core/app-error';
import { headerScore } from './mapping';
import { readCsv } from './read-csv';
import { chooseSheet, XlsxWorkbook } from './read-xlsx';
import type { Sheet, SheetRow } from './sheet';

/** An .xlsx is a zip: "PK" signature. */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/** An OLE2 compound file (MS-CFB §2.2 signature): an Excel 97–2003 .xls, or Excel's password-protected .xlsx. */
function isCompoundFile(bytes: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 512 && sig.every((b, i) => bytes[i] === b);
}

/**
 * The stream a password-protected OOXML file keeps its encrypted package in (MS-OFFCRYPTO §2.3.4.4), as its
 * UTF-16LE directory entry name.
 */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** How well a sheet's first rows look like a roster (the best header row's recognised columns). */
export function rosterSheetScore(head: SheetRow[]): number {
  return headerScore(head);
}

/** The worksheets of an .xlsx and the one an import reads when none is chosen: the named one, else by content. */
export function xlsxSheets(
  bytes: Uint8Array,
  sheet?: string,
): { sheets: { name: string; hidden: boolean }[]; chosen: string } {
  const wb = new XlsxWorkbook(bytes);
  return {
    sheets: wb.sheets.map(({ name, hidden }) => ({ name, hidden })),
    chosen: chooseSheet(wb, { sheet, pick: rosterSheetScore }).name,
  };
}

/** Picks the reader by the file's content (zip signature = .xlsx), falling back to the name's extension. */
export function readSpreadsheet(
  name: string,
  bytes: Uint8Array,
  opts: { sheet?: string } = {},
): Sheet & { sheet?: string } {
  if (isXlsx(bytes)) {
    const wb = new XlsxWorkbook(bytes);
    const chosen = chooseSheet(wb, { sheet: opts.sheet, pick: rosterSheetScore });
    const rows: SheetRow[] = [];
    wb.rows(chosen, (batch) => {
      for (const r of batch) rows.push(r);
    });
    return { rows, sheet: chosen.name };
  }
  if (isCompoundFile(bytes)) {
    // Whatever its name says: read as text, an OLE2 file would only yield "no required columns" from its noise.
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE))
      throw new AppError(
        'BAD_FILE',
        'Tệp Excel được đặt mật khẩu: hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại (.xlsx hoặc .csv)',
        { en: 'The Excel file is password-protected: open it in Excel, remove the password and save it again' },
      );
    throw new AppError('BAD_FILE', 'Tệp .xls (Excel 97–2003) chưa được hỗ trợ: hãy lưu lại thành .xlsx hoặc .csv', {
      en: 'Excel 97–2003 .xls files are not supported: save the file as .xlsx or .csv',
    });
  }
  refuseMarkup(bytes);
  return readCsv(bytes);
}

/**
 * Text files that are no CSV although named .xls: a web page (HTML) — what many programs' "export to Excel" write,
 * Vietnamese web portals included — and Excel 2003's XML Spreadsheet. Read as CSV they gave "no required columns" or
 * "the header has '?' in place of letters", neither of which says what to do. Refused saying what the file is and how
 * Excel turns it into an .xlsx.
 */
function refuseMarkup(bytes: Uint8Array): void {
  const head = startText(bytes).trimStart();
  if (!head.startsWith('<')) return;
  const saveAs = 'hãy mở tệp bằng Excel, chọn Lưu thành (Save As) → Sổ làm việc Excel (.xlsx), rồi nhập tệp .xlsx đó';
  const saveAsEn = 'open it in Excel, Save As → Excel Workbook (.xlsx), and import that file';
  if (/urn:schemas-microsoft-com:office:spreadsheet|progid="Excel\.Sheet"/i.test(head))
    throw new AppError(
      'BAD_FILE',
      `Tệp này là bảng tính XML 2003 (XML Spreadsheet), không phải .xlsx hay .csv: ${saveAs}`,
      {
        en: `This file is an Excel 2003 XML Spreadsheet, not .xlsx or .csv: ${saveAsEn}`,
      },
    );
  if (/<(?:!doctype\s+html|html|head|body|table|meta)\b/i.test(head))
    throw new AppError(
      'BAD_FILE',
      `Tệp này là trang web (HTML) dù mang tên bảng tính — nhiều phần mềm "xuất Excel" ghi như vậy: ${saveAs}`,
      {
        en: `This file is a web page (HTML) although named like a spreadsheet — many programs' "export to Excel" write that: ${saveAsEn}`,
      },
    );
  if (head.startsWith('<?xml'))
    throw new AppError('BAD_FILE', 'Tệp này là tài liệu XML, không phải bảng tính (.xlsx hoặc .csv)', {
      en: 'This file is an XML document, not a spreadsheet (.xlsx or .csv)',
    });
}

/** The file's first 4 KB as text: UTF-16 by its byte-order mark, else byte for byte (markup is ASCII). */
function startText(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096));
  if (head[0] === 0xff && head[1] === 0xfe) return head.subarray(2).toString('utf16le');
  if (head[0] === 0xfe && head[1] === 0xff) return Buffer.from(head.subarray(2)).swap16().toString('utf16le');
  return head.toString('latin1').replace(/^\xef\xbb\xbf/, '');
}
