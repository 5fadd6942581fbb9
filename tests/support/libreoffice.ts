/**
 * Opens a file we wrote with a program we did not write: LibreOffice Calc (headless) reads the CSV or .xlsx as a
 * clerk's spreadsheet would and saves it as .xlsx; Python's zipfile and ElementTree then list what Calc made of each
 * cell — its type, the formula if Calc turned the text into one, and the value shown.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface CalcCell {
  ref: string;
  /** The cell type Calc wrote: 's' text, 'n' number (absent in the file), 'str' formula text, 'b' boolean. */
  type: string;
  /** The formula, when Calc made one. */
  formula: string | null;
  value: string | null;
}

const SOFFICE = '/usr/bin/soffice';

const READ_CELLS = `
import json, sys, zipfile
from xml.etree import ElementTree as ET
m = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
z = zipfile.ZipFile(sys.argv[1])
ss = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(m + "si"):
        ss.append("".join(t.text or "" for t in si.iter(m + "t")))
out = []
for c in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter(m + "c"):
    f, v, t = c.find(m + "f"), c.find(m + "v"), c.get("t") or "n"
    val = v.text if v is not None else None
    if t == "s" and val is not None: val = ss[int(val)]
    out.append({"ref": c.get("r"), "type": t, "formula": f.text if f is not None else None, "value": val})
print(json.dumps(out))
`;

/**
 * Calc's view of `file`: a CSV is read as UTF-8 with the given separator (`;` as on a Vietnamese Windows, `,` as on
 * an English one), quotes as text delimiters and formulas evaluated (Calc's default); an .xlsx as it is.
 */
export function openInCalc(file: string, workDir: string, opts: { separator?: ';' | ',' } = {}): CalcCell[] {
  if (!existsSync(SOFFICE)) throw new Error('LibreOffice (libreoffice-calc-nogui) is installed by .ci/run');
  const out = join(workDir, `calc-${Math.random().toString(36).slice(2)}`);
  mkdirSync(out, { recursive: true });
  const filter = file.endsWith('.csv') ? [`--infilter=CSV:${(opts.separator ?? ';').charCodeAt(0)},34,76,1`] : [];
  const lo = spawnSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${out}/profile`,
      '--headless',
      ...filter,
      '--convert-to',
      'xlsx',
      file,
      '--outdir',
      out,
    ],
    { timeout: 120_000, encoding: 'utf8' },
  );
  if (lo.status !== 0) throw new Error(`soffice: ${lo.stderr}`);
  return cellsOf(join(out, basename(file).replace(/\.[^.]+$/, '') + '.xlsx'));
}

/** The first sheet's cells of an .xlsx as Python's zipfile and ElementTree read them (no spreadsheet program). */
export function cellsOf(xlsx: string): CalcCell[] {
  const py = spawnSync('python3', ['-c', READ_CELLS, xlsx], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (py.status !== 0) throw new Error(`python3: ${py.stderr}`);
  return JSON.parse(py.stdout) as CalcCell[];
}
