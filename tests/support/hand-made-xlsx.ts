import { strToU8, zipSync } from 'fflate';

/** Hand-made .xlsx packages for reader tests: the parts as a writer other than ours lays them out. */
export const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A minimal package; `parts` in the order given (Excel writes the worksheets before sharedStrings.xml). */
export function handMade(
  /** Part texts (written as UTF-8), or bytes written as they are (a part in another encoding). */
  parts: Record<string, string | Uint8Array>,
  opts: { date1904?: boolean; sheets?: string[] } = {},
): Uint8Array {
  const sheets = opts.sheets ?? ['Sheet1'];
  const files: Record<string, Uint8Array> = {};
  files['[Content_Types].xml'] = strToU8(
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `${HEAD}<workbook xmlns="${NS}" xmlns:r="${R}"><workbookPr${opts.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  );
  const rels = sheets.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="/xl/worksheets/sheet${i + 1}.xml"/>`,
  );
  rels.push(
    `<Relationship Id="rId90" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>`,
    `<Relationship Id="rId91" Type="${R}/styles" Target="styles.xml"/>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  for (const [k, v] of Object.entries(parts)) files[k] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(files);
}

/** The zip with the CRC-32 its central directory records for `name` changed (the bytes themselves intact). */
export function damageCrc(zip: Buffer, name: string): Buffer {
  const out = Buffer.from(zip);
  let eocd = out.length - 22;
  while (out.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let at = out.readUInt32LE(eocd + 16);
  for (let n = out.readUInt16LE(eocd + 10); n > 0; n--) {
    const nameLen = out.readUInt16LE(at + 28);
    if (out.subarray(at + 46, at + 46 + nameLen).toString('utf8') === name) {
      out.writeUInt32LE((out.readUInt32LE(at + 16) ^ 1) >>> 0, at + 16);
      return out;
    }
    at += 46 + nameLen + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  throw new Error(`no ${name} in the zip`);
}
