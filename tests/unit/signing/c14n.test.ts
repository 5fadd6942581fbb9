/** The streaming C14N must be byte-identical to libxml2's (`xmllint --c14n`) on every input we canonicalise. */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { canonicalize, walkC14n } from '../../../shared/signing/c14n';
import { Sha256Sink } from '../../../electron/signing/xml-input';
import { XmlInputError } from '../../../shared/signing/xml-error';
import { parseDraft } from '../../../shared/draft';
import { buildForms, buildEnvelope, envelopeInfoOf } from '../../../shared/forms';
import { makeTempDir, removeDir } from '../../support/tmp';
import { writeTo, xmllintC14n } from '../../integration/signing/oracles';

const dir = makeTempDir('kekhai-c14n-');
afterAll(() => removeDir(dir));

// `xmllint --c14n` keeps comments (c14n WITH comments); the inputs compared here have none, a separate case covers them.
const CASES: Record<string, string> = {
  declarationAndPrettyPrint:
    '<?xml version="1.0" encoding="utf-8"?>\n<D02-TS>\n  <NoiDung>\n    <LaoDong><HoTen>Nguyễn Thị Ánh</HoTen><Cky /></LaoDong>\n  </NoiDung>\n  <Cky/>\n</D02-TS>\n',
  attributesSortedAndQuoted: `<r z='1' a="2" m = "x&amp;y&lt;&gt;&quot;'"><e b="&#9;tab&#10;nl&#13;cr" a="lit\ttab\nnl\r\ncrlf"/></r>`,
  namespaces:
    '<r xmlns="urn:d" xmlns:b="urn:b" xmlns:a="urn:a"><a:x b:k="1" a:k="2" k="3" xmlns:c="urn:c"><y xmlns="urn:d" xmlns:a="urn:a"/><z xmlns=""><w xmlns="urn:w"/></z></a:x></r>',
  xsiOnRoot:
    '<Hoso xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><A xsi:nil="true"/><CKy_Dvi/></Hoso>',
  textEscapes: '<r>a &amp; b &lt; c &gt; d "q" \'s\' &#x41;&#66; &#xD; ]]&gt; x>y\r\nline\rcr</r>',
  cdata: '<r><![CDATA[<b>bold</b> & "q" ]]> after <![CDATA[\r\n]]></r>',
  processingInstructions: '<?xml version="1.0"?>\n<?before   data  here ?>\n<r><?inside x?></r>\n<?after?>\n',
  whitespaceInTags: '<r\n  a = "1"\n  b=\'2\'  ><e   /></r  >',
  unicode: '<r t="Đặng Văn Quỳnh — 𝔘">Tiếng Việt: ă â ê ô ơ ư đ 😀 &#x1F600;</r>',
  emptyAndNested: '<a><b/><c></c><d><e/></d></a>',
  bom: '\uFEFF<?xml version="1.0" encoding="UTF-8"?><r>x</r>',
};

describe('inclusive C14N 1.0 vs xmllint --c14n', () => {
  for (const [name, xml] of Object.entries(CASES)) {
    it(name, () => {
      const file = writeTo(dir, `${name}.xml`, xml);
      const ref = xmllintC14n(file);
      expect(canonicalize(xml)).toBe(ref.toString('utf8'));
      // The verifier's byte mode: UTF-8 bytes viewed as Latin-1 in, the same bytes out.
      const bytes = Buffer.from(xml, 'utf8');
      expect(Buffer.from(canonicalize(bytes.toString('latin1'), { latin1: true }), 'latin1').equals(ref)).toBe(true);
      // …and the hashing sink that takes unchanged runs straight from the source bytes.
      const sink = Sha256Sink.over(bytes);
      walkC14n(bytes.toString('latin1'), sink, { latin1: true });
      expect(sink.digest().equals(createHash('sha256').update(ref).digest())).toBe(true);
    });
  }

  it('drops comments (URI="" selects the document without comments)', () => {
    const withComments = '<!-- head --><r><!-- in -->x<a/><!--b--></r><!-- tail -->';
    const without = '<r>x<a/></r>';
    expect(canonicalize(withComments)).toBe(xmllintC14n(writeTo(dir, 'nocomments.xml', without)).toString('utf8'));
  });

  it('the forms and envelope the declarations builders produce', () => {
    const draftJson = JSON.parse(readFileSync('tests/unit/declarations/fixtures/draft-issue.json', 'utf8'));
    const parsed = parseDraft(draftJson);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const forms = buildForms(parsed.draft);
    expect(forms.length).toBeGreaterThan(0);
    for (const f of forms)
      expect(canonicalize(f.xml), f.fileName).toBe(xmllintC14n(writeTo(dir, f.fileName, f.xml)).toString('utf8'));
    const env = buildEnvelope(
      envelopeInfoOf(parsed.draft),
      forms.map((f) => ({
        code: f.code,
        description: f.description,
        fileName: f.fileName,
        base64: Buffer.from(f.xml).toString('base64'),
      })),
    );
    expect(canonicalize(env)).toBe(xmllintC14n(writeTo(dir, 'env.xml', env)).toString('utf8'));
  });

  it('a subtree in document context renders inherited namespaces and xml:* attributes on its apex', () => {
    const ns = new Map([
      ['', 'http://www.w3.org/2000/09/xmldsig#'],
      ['xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
    ]);
    const out = canonicalize('<SignedInfo><A/></SignedInfo>', { context: { ns, xmlAttrs: new Map([['lang', 'vi']]) } });
    expect(out).toBe(
      '<SignedInfo xmlns="http://www.w3.org/2000/09/xmldsig#" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xml:lang="vi"><A></A></SignedInfo>',
    );
  });
});

describe('refusals', () => {
  const refused: [string, string, XmlInputError['code']][] = [
    [
      'billion laughs',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>',
      'XML_DOCTYPE',
    ],
    ['external entity', '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>', 'XML_DOCTYPE'],
    ['undefined entity', '<r>&nbsp;</r>', 'XML_ENTITY'],
    ['mismatched tags', '<a><b></a></b>', 'XML_MALFORMED'],
    ['unclosed', '<a><b></b>', 'XML_MALFORMED'],
    ['two roots', '<a/><b/>', 'XML_MALFORMED'],
    ['bare ampersand', '<a>x & y</a>', 'XML_MALFORMED'],
    ['too deep', '<a>'.repeat(300) + '</a>'.repeat(300), 'XML_TOO_DEEP'],
  ];
  for (const [name, xml, code] of refused) {
    it(name, () => {
      let err: unknown;
      try {
        canonicalize(xml);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(XmlInputError);
      expect((err as XmlInputError).code).toBe(code);
      expect((err as XmlInputError).message).toMatch(/dòng \d+, cột \d+/);
    });
  }
});
