import type { Draft } from '../draft/schema';
import { ByteWriter, utf8Decode } from '../xml/byte-writer';
import type { XmlSink } from '../xml/sink';
import { needsD01, writeD01 } from './d01';
import { writeD02 } from './d02';
import { needsTk1, writeTk1 } from './tk1';

export type FormCode = 'D02-TS' | 'TK1-TS' | 'D01-TS';

export interface FormFile {
  code: FormCode;
  /** MoTaToKhai, as the portal names the form (API code 062, reference §1.2). */
  description: string;
  /** `D02-TS-595.xml`: suffix = QĐ 595/QĐ-BHXH, as the I-VAN files are named (reference §1.1). */
  fileName: string;
  /** `<?xml version="1.0" encoding="utf-8"?>` + the canonical root, `<Cky></Cky>` last. */
  readonly xml: string;
  /** The same document as UTF-8 bytes: what is written, embedded (Base64) and digested. */
  bytes: Uint8Array;
}

export const FORM_DESCRIPTIONS: Record<FormCode, string> = {
  'D02-TS': 'Danh sách lao động tham gia BHXH, BHYT, BHTN, BHTNLĐ-BNN',
  'TK1-TS': 'Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT',
  'D01-TS': 'Bảng kê thông tin',
};

export const FORM_WRITERS: Record<FormCode, (d: Draft, w: XmlSink) => void> = {
  'D02-TS': writeD02,
  'TK1-TS': writeTk1,
  'D01-TS': writeD01,
};

/** Which forms a draft produces, in envelope order: D02-TS always, TK1-TS and D01-TS when needed. */
export function formsOf(draft: Draft): FormCode[] {
  const codes: FormCode[] = ['D02-TS'];
  if (draft.rows.some(needsTk1)) codes.push('TK1-TS');
  if (needsD01(draft)) codes.push('D01-TS');
  return codes;
}

/** The unsigned forms of a draft. Pure: the same draft gives the same bytes (no clock, no random ids). */
export function buildForms(draft: Draft): FormFile[] {
  return formsOf(draft).map((code) => {
    const w = new ByteWriter(code === 'D02-TS' ? 1024 + draft.rows.length * 1500 : 1 << 14);
    FORM_WRITERS[code](draft, w);
    const bytes = w.document();
    let xml: string | undefined;
    return {
      code,
      description: FORM_DESCRIPTIONS[code],
      fileName: `${code}-595.xml`,
      bytes,
      // Decoded on first use: a 50,000-row file need never exist as a 140 MB UTF-16 string.
      get xml() {
        return (xml ??= utf8Decode(bytes));
      },
    };
  });
}
