export { toNfc, cleanText } from './normalize';
export { foldForSearch, foldKey } from './fold';
export {
  decodeTcvn3,
  decodeVni,
  detectLegacyEncoding,
  toUnicode,
  decodeAs,
  needsDecision,
  type LegacyEncoding,
} from './legacy/decode';
export { isVietnameseSyllable } from './legacy/syllable';
