import type { CellValue, Sheet } from './sheet';

/**
 * CSV as Vietnamese offices export it: UTF-8 with or without BOM, comma- or semicolon-separated (Excel in a
 * Vietnamese locale writes ";" because "," is the decimal mark), RFC 4180 quoting. The delimiter is whichever of
 * ";" and "," occurs more often outside quotes on the first line.
 */
export function readCsv(bytes: Buffer): Sheet {
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = detectDelimiter(text);
  const rows: Sheet['rows'] = [];
  let field = '';
  let cells: CellValue[] = [];
  let quoted = false;
  let rowNo = 1;
  const endRow = () => {
    cells.push(field);
    field = '';
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ row: rowNo, cells: cells.map((c) => (c === '' ? null : c)) });
    cells = [];
    rowNo++;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      cells.push(field);
      field = '';
    } else if (c === '\n') endRow();
    else if (c === '\r') {
      if (text[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (field !== '' || cells.length) endRow();
  return { rows };
}

function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semis = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semis++;
  }
  return semis > commas ? ';' : ',';
}
