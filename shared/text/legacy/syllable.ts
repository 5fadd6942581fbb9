/**
 * A plausibility check for Vietnamese syllables, used only to choose between legacy decodings: the wrong decoding
 * of a VNI or TCVN3 word produces impossible vowel clusters ("Nguyeón", "Vaờn") or leftover symbols.
 * Orthography after the Vietnamese syllable structure (onset + rhyme); tone marks are ignored here, vowel quality
 * (ă â ê ô ơ ư) is kept.
 */
const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?';
const NUCLEI = [
  'iêu',
  'yêu',
  'oai',
  'oay',
  'oeo',
  'uây',
  'uôi',
  'ươi',
  'ươu',
  'uya',
  'uyê',
  'uyu',
  'ai',
  'ao',
  'au',
  'ay',
  'âu',
  'ây',
  'eo',
  'êu',
  'ia',
  'iê',
  'iu',
  'oa',
  'oă',
  'oe',
  'oi',
  'ôi',
  'ơi',
  'oo',
  'ôô',
  'ua',
  'uâ',
  'uê',
  'ui',
  'uô',
  'uơ',
  'uy',
  'ưa',
  'ưi',
  'ươ',
  'ưu',
  'yê',
  'a',
  'ă',
  'â',
  'e',
  'ê',
  'i',
  'o',
  'ô',
  'ơ',
  'u',
  'ư',
  'y',
];
const CODA = '(?:ch|ng|nh|c|m|n|p|t)?';
const SYLLABLE = new RegExp(`^${ONSET}(?:${NUCLEI.join('|')})${CODA}$`);
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Removes tone marks only, keeping â/ă/ê/ô/ơ/ư, lower-cased. */
function stripTones(word: string): string {
  return word.normalize('NFD').replace(TONES, '').normalize('NFC').toLowerCase();
}

export function isVietnameseSyllable(word: string): boolean {
  const nfd = word.normalize('NFD');
  const tones = nfd.match(TONES);
  if (tones && tones.length > 1) return false;
  return SYLLABLE.test(stripTones(word));
}
