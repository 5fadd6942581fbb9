import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PLAN_CODES } from '../../../shared/codes/plans';
import { draftSchema, type Draft } from '../../../shared/draft/schema';
import { buildForms, FORM_WRITERS } from '../../../shared/forms/build';
import { buildEnvelope, envelopeInfoOf, writeEnvelope } from '../../../shared/forms/envelope';
import { CanonicalWriter, escapeText, XML_DECLARATION } from '../../../shared/xml/canonical-writer';
import { ByteWriter } from '../../../shared/xml/byte-writer';
import { XmlBuilder2Sink } from '../../../shared/xml/xmlbuilder2-sink';
import { baseDraft, exampleRow, tmRow } from './fixtures/make-draft';

const dir = mkdtempSync(join(tmpdir(), 'kekhai-xml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** xmlbuilder2's serialisation, changed only where inclusive C14N differs: empty elements expanded, CR as &#xD;. */
function c14nNormalise(xml: string): string {
  return xml.replace(/<([A-Za-z_][\w.-]*)\/>/g, '<$1></$1>').replace(/\r/g, '&#xD;');
}

/** A draft with every plan and text that needs escaping (& < > quotes, CR/LF/TAB, decomposed Vietnamese, a C0 control). */
function trickyDraft(): Draft {
  const rows = PLAN_CODES.map((p) => exampleRow(p));
  rows.push(
    tmRow({
      fullName: 'Nguye\u0302\u0303n Thị <Lan> & "Hoa"',
      idNumber: '038190099999',
      position: "Kỹ sư 'R&D'\r\nca đêm\tkíp 2",
      workplace: 'Xưởng > 3 \u0007',
      note: 'Số VB:12,ngày 01/10/2015,Tăng mới]]>',
      fromMonth: '08/2015',
      personalChanges: 'Đổi họ tên: Lan → Lân',
      documents: [
        {
          type: 'Hợp đồng',
          number: '9/2015',
          issuedOn: '01/08/2015',
          effectiveOn: '01/08/2015',
          issuer: 'A & B',
          summary: 'Truy tăng <08/2015>',
          review: '',
        },
      ],
    }),
  );
  return draftSchema.parse({
    ...baseDraft('10/2015', rows),
    unit: { ...baseDraft().unit, name: 'Công ty <TNHH> Mẫu & Con' },
  });
}

function viaXmlBuilder2(code: keyof typeof FORM_WRITERS, d: Draft): string {
  const s = new XmlBuilder2Sink();
  FORM_WRITERS[code](d, s);
  return c14nNormalise(s.end());
}

function xmllintC14n(xml: string, name: string): string {
  const f = join(dir, name);
  writeFileSync(f, xml, 'utf8');
  return execFileSync('xmllint', ['--c14n', f], { encoding: 'utf8' });
}

describe('canonical XML writer', () => {
  it('escapes text as inclusive C14N does', () => {
    expect(escapeText('a & b < c > d "e" \'f\'\r\n\tg')).toBe('a &amp; b &lt; c &gt; d "e" \'f\'&#xD;\n\tg');
    expect(escapeText('ok\u0000\u0008')).toBe('ok');
  });

  it('the byte writer encodes UTF-8 like Node (astral characters, lone surrogates) and escapes like escapeText', () => {
    const text = 'Đặng 𠀀 \ud800 x & <y> \r\n\t\u0001\uffff end';
    const b = new ByteWriter();
    b.leaf('A', text);
    const c = new CanonicalWriter();
    c.leaf('A', text);
    expect(Buffer.from(b.document()).equals(Buffer.from(c.document(), 'utf8'))).toBe(true);
  });

  it('refuses unbalanced elements', () => {
    const w = new CanonicalWriter();
    w.open('A');
    expect(() => w.close('B')).toThrow();
    expect(() => w.root()).toThrow();
  });

  const d = trickyDraft();
  const forms = buildForms(d);

  it('produces D02-TS, TK1-TS and D01-TS for this draft, named like the reference files', () => {
    expect(forms.map((f) => f.fileName)).toEqual(['D02-TS-595.xml', 'TK1-TS-595.xml', 'D01-TS-595.xml']);
    for (const f of forms) {
      expect(f.xml.startsWith(`${XML_DECLARATION}<${f.code}>`)).toBe(true);
      expect(f.xml.endsWith(`<Cky></Cky></${f.code}>`)).toBe(true);
      expect(f.xml).not.toMatch(/xmlns|\/>|>\s+</);
    }
  });

  it.each(['D02-TS', 'TK1-TS', 'D01-TS'] as const)(
    '%s: bytes equal xmlbuilder2’s (prettyPrint false, C14N-normalised)',
    (code) => {
      const ours = forms.find((f) => f.code === code)!.xml;
      expect(ours).toBe(viaXmlBuilder2(code, d));
    },
  );

  it.each(['D02-TS', 'TK1-TS', 'D01-TS'] as const)(
    '%s: the root is its own inclusive C14N (xmllint --c14n)',
    (code) => {
      const ours = forms.find((f) => f.code === code)!.xml;
      expect(xmllintC14n(ours, `${code}.xml`)).toBe(ours.slice(XML_DECLARATION.length));
    },
  );

  it('envelope: bytes equal xmlbuilder2’s and its own C14N', () => {
    const files = forms.map((f) => ({
      code: f.code,
      description: f.description,
      fileName: f.fileName,
      base64: Buffer.from(f.xml).toString('base64'),
    }));
    const env = buildEnvelope(envelopeInfoOf(d), files);
    const s = new XmlBuilder2Sink();
    writeEnvelope(envelopeInfoOf(d), files, s);
    expect(env).toBe(c14nNormalise(s.end()));
    expect(xmllintC14n(env, 'BHXHDienTu.xml')).toBe(env.slice(XML_DECLARATION.length));
    expect(env.endsWith('<CKy_Dvi></CKy_Dvi></Hoso>')).toBe(true);
  });

  it('the byte writer (forms) and the string writer (envelope) give the same bytes for the same document', () => {
    for (const code of ['D02-TS', 'TK1-TS', 'D01-TS'] as const) {
      const w = new CanonicalWriter();
      FORM_WRITERS[code](d, w);
      const f = forms.find((x) => x.code === code)!;
      expect(Buffer.from(f.bytes).equals(Buffer.from(w.document(), 'utf8'))).toBe(true);
    }
  });

  it('is deterministic: the same draft (re-read, keys reordered) gives the same bytes', () => {
    const again = draftSchema.parse(
      JSON.parse(
        JSON.stringify(trickyDraft(), (_k, v) =>
          v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        ),
      ),
    );
    expect(buildForms(again).map((f) => f.xml)).toEqual(forms.map((f) => f.xml));
  });

  it('writes names in NFC so differently typed names give the same bytes', () => {
    expect(forms[0]!.xml).toContain('<HoTen>Nguyễn Thị &lt;Lan&gt; &amp; "Hoa"</HoTen>');
  });
});
