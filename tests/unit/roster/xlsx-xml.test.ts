import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Parser } from 'htmlparser2';
import { makeTempDir, removeDir } from '../../support/tmp';
import { XmlPartReader, type XmlHandler } from '../../../electron/roster/xlsx-xml';

/**
 * The streaming XML reader of the .xlsx parts (htmlparser2's tokenizer + the checks XML requires): the events it
 * gives must not depend on where the inflater cut the text, and what is not XML must be refused naming the part.
 */
type Event = string;

function events(chunks: string[]): Event[] {
  const out: Event[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push(`text ${JSON.stringify(text)}`);
    text = '';
  };
  const handler: XmlHandler = {
    open(name, a) {
      flush();
      const attrs: string[] = [];
      for (const n of ['r', 't', 's', 'r:id', 'id', 'sheetId']) {
        const v = a.get(n);
        if (v !== undefined) attrs.push(`${n}=${v}`);
      }
      out.push(`open ${name}${attrs.length ? ' ' + attrs.join(',') : ''}`);
    },
    close(name) {
      flush();
      out.push(`close ${name}`);
    },
    text(piece) {
      text += piece;
    },
  };
  const reader = new XmlPartReader(handler, 'xl/worksheets/sheet1.xml');
  for (const c of chunks) reader.write(c);
  reader.end();
  flush();
  return out;
}

const read = (xml: string) => events([xml]);

/** After `start`, writes 40 chunks of 64 KB of `fill` (2.5 MB) that the reader must refuse before holding them all. */
function writesPastOneMegabyte(start: string, fill: string): () => void {
  const handler: XmlHandler = { open: () => undefined, close: () => undefined, text: () => undefined };
  const reader = new XmlPartReader(handler, 'xl/sharedStrings.xml');
  reader.write(start);
  const chunk = fill.repeat(64 * 1024);
  return () => {
    for (let i = 0; i < 40; i++) reader.write(chunk);
  };
}

const DOC =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<!-- written by hand -->' +
  '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="urn:r">' +
  '<x:sheetData><x:row r=\'2\'><x:c r="A2" t="inlineStr" s="3"><x:is><x:t>Trần &amp; Lê &#x1EA1;&#7841; &lt;b&gt;</x:t></x:is></x:c>' +
  '<x:c r="B2" t="str"><x:f>A2</x:f><x:v><![CDATA[a<b>&c]]></x:v></x:c><x:c r="C2"/>' +
  '<?some-instruction data?><x:c r="D2" t="s"><x:v>12</x:v></x:c></x:row></x:sheetData></x:worksheet>';

const EXPECTED = [
  'open worksheet',
  'open sheetData',
  'open row r=2',
  'open c r=A2,t=inlineStr,s=3',
  'open is',
  'open t',
  'text "Trần & Lê ạạ <b>"',
  'close t',
  'close is',
  'close c',
  'open c r=B2,t=str',
  'open f',
  'text "A2"',
  'close f',
  'open v',
  'text "a<b>&c"',
  'close v',
  'close c',
  'open c r=C2',
  'close c',
  'open c r=D2,t=s',
  'open v',
  'text "12"',
  'close v',
  'close c',
  'close row',
  'close sheetData',
  'close worksheet',
];

describe('XML reader of .xlsx parts', () => {
  it('gives local names, attributes, decoded entities, CDATA as text; skips the declaration, comments and PIs', () => {
    expect(read(DOC)).toEqual(EXPECTED);
  });

  it('gives the same events wherever the text is cut (every split point, and one character at a time)', () => {
    for (let i = 1; i < DOC.length; i++) expect(events([DOC.slice(0, i), DOC.slice(i)])).toEqual(EXPECTED);
    expect(events([...DOC])).toEqual(EXPECTED);
  });

  it("decodes character and entity references as htmlparser2's decoding Parser does, wherever the text is cut", () => {
    // The reader decodes references itself (the tokenizer is told not to): references and near-references ("&amp"
    // without ";", "&#x" alone, unknown names), next to comments, PIs and CDATA that end a reference cut at a chunk's
    // end, in text and attribute values — each document whole, cut at random places, and one cut at every place.
    // prettier-ignore
    const TEXT = [
      '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#65;', '&#x1EA1;', '&#X1ea1;', '&#x0000041;', '&amp', '&', '&#',
      '&#x', '&am', '&foo;', '&#xZZ;', '&#9;', '&#x10FFFF;', '&#xFFFD;', 'a', 'Trần', ' ', ';', '#', 'x1', 'p;',
    ];
    // References to what is no XML character ("&#0;") are refused here, where the Parser gives U+FFFD: see below.
    const MARKUP = ['<!--c-->', '<?pi x?>', '<![CDATA[&amp;]]>'];
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pick = (from: string[], n: number) => Array.from({ length: n }, () => from[random(from.length)]!).join('');
    const reference = (xml: string): Event[] => {
      const out: Event[] = [];
      let text = '';
      const flush = () => {
        if (text) out.push(`text ${JSON.stringify(text)}`);
        text = '';
      };
      const parser = new Parser(
        {
          onopentag(name, a) {
            flush();
            out.push(`open ${name}${a.r !== undefined ? ` r=${a.r}` : ''}`);
          },
          ontext: (t) => (text += t),
          onclosetag(name) {
            flush();
            out.push(`close ${name}`);
          },
        },
        { xmlMode: true, decodeEntities: true },
      );
      parser.end(xml);
      return out;
    };
    const generated = () => {
      let xml = '<r>';
      for (let e = 0; e < 4; e++)
        xml += `<e r="${pick(TEXT, 1 + random(4))}">${pick([...TEXT, ...MARKUP], 1 + random(8))}</e>`;
      return `${xml}</r>`;
    };
    const docs = [
      '<r><e>&am<!--c-->p;</e><e r="&#x1EA1;&am">&#x1<?pi?>EA1;</e><e>&amp<![CDATA[;]]>&lt;</e></r>',
      ...Array.from({ length: 60 }, generated),
    ];
    for (const [doc, xml] of docs.entries()) {
      const expected = reference(xml);
      expect(events([xml]), xml).toEqual(expected);
      for (let k = 0; k < 20; k++) {
        const cuts = [...new Set([random(xml.length), random(xml.length), random(xml.length)])].sort((p, q) => p - q);
        const chunks = [0, ...cuts].map((at, i, all) => xml.slice(at, all[i + 1] ?? xml.length)).filter((c) => c);
        expect(events(chunks), JSON.stringify(chunks)).toEqual(expected);
      }
      if (doc < 5)
        for (let i = 1; i < xml.length; i++) expect(events([xml.slice(0, i), xml.slice(i)]), `${i}`).toEqual(expected);
    }
  });

  it('refuses what is not XML, naming the part', () => {
    const refused: [string, RegExp][] = [
      ['<a><b></a>', /thẻ đóng <\/a> không khớp <b>/],
      ['<a><b></b>', /phần tử <a> không được đóng/],
      ['<a></a></b>', /thẻ đóng <\/b> thừa/],
      ['<a/><b/>', /có hơn một phần tử gốc/],
      ['<a/>tail', /có chữ ngoài phần tử gốc/],
      ['<a/>&am', /có chữ ngoài phần tử gốc/],
      ['<a x=1/>', /thuộc tính "x" không có giá trị trong ngoặc kép/],
      ['<a x/>', /thuộc tính "x" không có giá trị trong ngoặc kép/],
      ['<a x="1" x="2"/>', /thuộc tính "x" lặp lại/],
      ['', /không có phần tử nào/],
      ['<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', /DOCTYPE/],
    ];
    for (const [xml, why] of refused) {
      expect(() => read(xml), xml).toThrow(why);
      expect(() => read(xml), xml).toThrow(/xl\/worksheets\/sheet1\.xml|DOCTYPE/);
    }
  });

  it('refuses a character reference to what XML does not allow as a character, as xmllint does, wherever it is cut', () => {
    // XML 1.0 §2.2 Char and §4.1 WFC: Legal Character. decodeXML gives U+FFFD for the first three and the control
    // character as it is: a name stored as "Nguy�n" without a word (issue #11).
    const refused = ['&#0;', '&#xD800;', '&#1114112;', '&#1;', '&#x1F;', '&#xFFFE;', '&#xFFFF;', '&#xdfff;'];
    const allowed: [string, string][] = [
      ['&#9;', '\t'],
      ['&#xA;', '\n'],
      ['&#xD;', '\r'],
      ['&#x20;', ' '],
      ['&#xD7FF;', '\ud7ff'],
      ['&#xE000;', '\ue000'],
      ['&#xFFFD;', '\ufffd'],
      ['&#x10000;', '\u{10000}'],
      ['&#x10FFFF;', '\u{10FFFF}'],
    ];
    const dir = makeTempDir('kekhai-xlsx-xml-');
    try {
      const xmllint = (xml: string) => {
        const file = join(dir, 'doc.xml');
        writeFileSync(file, xml);
        const r = spawnSync('xmllint', ['--noout', file]);
        expect(r.error, 'xmllint is installed (.ci/run)').toBeUndefined();
        return r.status === 0;
      };
      for (const ref of refused) {
        for (const xml of [`<a>Nguy${ref}n</a>`, `<a r="Nguy${ref}n"/>`]) {
          expect(xmllint(xml), xml).toBe(false);
          const message = `XML hỏng trong xl/worksheets/sheet1.xml: tham chiếu ký tự «${ref}» không phải ký tự hợp lệ trong XML (ngay sau «Nguy»)`;
          expect(() => read(xml), xml).toThrow(message);
          for (let i = 1; i < xml.length; i++)
            expect(() => events([xml.slice(0, i), xml.slice(i)]), `${xml} cut at ${i}`).toThrow(message);
        }
      }
      for (const [ref, char] of allowed) {
        const xml = `<a>x${ref}y</a>`;
        expect(xmllint(xml), xml).toBe(true);
        expect(read(xml)).toEqual(['open a', `text ${JSON.stringify(`x${char}y`)}`, 'close a']);
      }
    } finally {
      removeDir(dir);
    }
  });

  it('refuses a comment or tag that would keep more than 1 MB of text waiting (memory stays bounded)', () => {
    expect(writesPastOneMegabyte('<sst><!--', 'x')).toThrow(
      /xl\/sharedStrings\.xml: một thẻ hoặc chú thích dài hơn 1 MB/,
    );
  });

  it('refuses a character reference that would keep more than 1 MB of text waiting for its ";"', () => {
    expect(writesPastOneMegabyte('<sst><si><t>&#', '1')).toThrow(
      /xl\/sharedStrings\.xml: một tham chiếu ký tự dài hơn 1 MB/,
    );
  });

  it('streams long text in pieces without holding the whole of it', () => {
    const chunk = 'y'.repeat(64 * 1024);
    let total = 0;
    let largest = 0;
    const handler: XmlHandler = {
      open: () => undefined,
      close: () => undefined,
      text: (s) => {
        total += s.length;
        largest = Math.max(largest, s.length);
      },
    };
    const reader = new XmlPartReader(handler, 'p.xml');
    reader.write('<a>');
    for (let i = 0; i < 100; i++) reader.write(chunk);
    reader.write('</a>');
    reader.end();
    expect(total).toBe(100 * chunk.length);
    expect(largest).toBeLessThanOrEqual(chunk.length);
  });
});
