import { TCVN3_TO_UNICODE } from './tcvn3-table';
import { VNI_BASES, VNI_LETTERS, VNI_MARKS } from './vni-table';
import { isVietnameseSyllable } from './syllable';
import { HAS_COMBINING } from '../normalize';

export type LegacyEncoding = 'unicode' | 'tcvn3' | 'vni';

/**
 * TCVN3 → Unicode. A word whose ASCII letters are all capitals was typed in a ".VnTimeH" capitals font, where the
 * lower-case codes draw as capitals, so its decoded letters are upper-cased ("NGUYÔN" → "NGUYỄN"); a word needs two
 * ASCII capitals to count, since "Lª" (Lê) starts with one in any font.
 */
export function decodeTcvn3(s: string): string {
  return s.replace(/[^\s,.;:()/\\-]+/g, (word) => {
    const decoded = Array.from(word, (c) => TCVN3_TO_UNICODE[c] ?? c).join('');
    const ascii = word.replace(/[^A-Za-z]/g, '');
    return ascii.length >= 2 && ascii === ascii.toUpperCase() && decoded !== word ? decoded.toUpperCase() : decoded;
  });
}

/** VNI-Windows → Unicode (NFC). */
export function decodeVni(s: string): string {
  let out = '';
  for (const c of s) {
    const mark = VNI_MARKS[c];
    const prev = out[out.length - 1];
    if (mark !== undefined && prev !== undefined && VNI_BASES.has(prev)) {
      out = (out + mark).normalize('NFC');
      continue;
    }
    out += VNI_LETTERS[c] ?? c;
  }
  return out.normalize('NFC');
}

/** Characters that genuine Unicode Vietnamese never contains outside Latin-1 letters it uses. */
const VIET_LATIN1 = new Set('àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ'.split(''));
const HAS_LATIN1 = /[\u0080-\u00ff]/;
const HAS_UNICODE_VIET = /[\u0100-\u024f\u0300-\u036f\u1e00-\u1eff]/;

/** Words that need a decision: those with a Latin-1 high character. */
function candidateWords(s: string): string[] {
  return s.split(/[\s,.;:()/\\-]+/).filter((w) => HAS_LATIN1.test(w));
}

function score(decoded: string[]): number {
  let n = 0;
  for (const w of decoded) {
    const letters = w.replace(/[0-9'"]/g, '');
    const leftover = Array.from(letters).some((c) => HAS_LATIN1.test(c) && !VIET_LATIN1.has(c));
    if (!leftover && isVietnameseSyllable(letters)) n++;
  }
  return n;
}

/**
 * Whether a word is a Vietnamese syllable as it stands (bit 0), decoded as TCVN3 (bit 1), decoded as VNI (bit 2).
 * Memoised: names repeat their words (a roster of 50,000 has a few thousand distinct ones), and scoring is the
 * costly part of judging every cell on its own.
 */
const wordCache = new Map<string, number>();
function wordScores(w: string): number {
  let k = wordCache.get(w);
  if (k === undefined) {
    k = score([w]) | (score([decodeTcvn3(w)]) << 1) | (score([decodeVni(w)]) << 2);
    if (wordCache.size >= 50_000) wordCache.clear();
    wordCache.set(w, k);
  }
  return k;
}

/**
 * Which encoding a text is in. Text with any Vietnamese Unicode letter or combining mark is Unicode; text without
 * Latin-1 high characters is plain ASCII (Unicode). Otherwise each candidate decoding is scored by how many of the
 * affected words become valid Vietnamese syllables; the text stays as it is unless a decoding does strictly better.
 * One cell can be ambiguous ("Vò Quèc" is valid as it stands and also TCVN3 for "Vũ Quốc"), so pass a whole
 * column: legacy encoding is a property of the file the column came from.
 */
export function detectLegacyEncoding(texts: string | readonly string[]): LegacyEncoding {
  const list = typeof texts === 'string' ? [texts] : texts;
  let asIs = 0;
  let tcvn = 0;
  let vni = 0;
  for (const s of list) {
    if (!needsDecision(s)) continue;
    for (const w of candidateWords(s)) {
      const k = wordScores(w);
      asIs += k & 1;
      tcvn += (k >> 1) & 1;
      vni += k >> 2;
    }
  }
  const best = Math.max(asIs, tcvn, vni);
  if (best === asIs) return 'unicode';
  return vni >= tcvn ? 'vni' : 'tcvn3';
}

/** True when a text could be legacy-encoded: Latin-1 high characters and no Vietnamese Unicode. */
export function needsDecision(s: string): boolean {
  return HAS_LATIN1.test(s) && !HAS_UNICODE_VIET.test(s);
}

/** Decodes with a known encoding (a cell that already holds Vietnamese Unicode is left as it is). */
export function decodeAs(s: string, encoding: LegacyEncoding): string {
  if (encoding === 'unicode' || !needsDecision(s)) return HAS_COMBINING.test(s) ? s.normalize('NFC') : s;
  return (encoding === 'tcvn3' ? decodeTcvn3(s) : decodeVni(s)).normalize('NFC');
}

/**
 * The encoding of one cell judged alone when that is decisive (one decoding makes strictly more Vietnamese syllables
 * than the other two), else `fallback` — the column's encoding: a column can mix rows typed in TCVN3 and in VNI
 * (clerks paste from several old files), while one short cell alone can read validly both ways.
 */
export function detectCellEncoding(s: string, fallback: LegacyEncoding = 'unicode'): LegacyEncoding {
  if (!needsDecision(s)) return 'unicode';
  let asIs = 0;
  let tcvn = 0;
  let vni = 0;
  for (const w of candidateWords(s)) {
    const k = wordScores(w);
    asIs += k & 1;
    tcvn += (k >> 1) & 1;
    vni += k >> 2;
  }
  const best = Math.max(asIs, tcvn, vni);
  if (best === asIs) return asIs > tcvn && asIs > vni ? 'unicode' : fallback;
  if (tcvn !== vni) return tcvn > vni ? 'tcvn3' : 'vni';
  return fallback === 'unicode' ? 'vni' : fallback;
}

/**
 * Returns a text as NFC Unicode, decoding TCVN3/VNI, judged per cell; `encoding` (the column's, see
 * `detectLegacyEncoding` over many cells) decides only the cells that are ambiguous alone.
 */
export function toUnicode(s: string, encoding?: LegacyEncoding): { text: string; encoding: LegacyEncoding } {
  const applied = needsDecision(s) ? detectCellEncoding(s, encoding ?? 'unicode') : 'unicode';
  return { text: decodeAs(s, applied), encoding: applied };
}
