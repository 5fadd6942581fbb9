/**
 * The streaming dossier writer (`kekhai dossier make`) gives exactly the bytes of the in-memory `makeSignedDossier`
 * (same draft, token and clock: RSA PKCS#1 v1.5 is deterministic), takes the canonical-producer fast path only for
 * forms of the canonical byte writer, and falls back to the streaming C14N for anything else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSoftHsmToken, type SoftHsmToken } from '../../support/softhsm';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { bigDraft } from '../../unit/declarations/fixtures/make-draft';
import { openSigner, type Signer } from '../../../electron/signing/signer';
import { makeSignedDossier } from '../../../electron/signing/make-dossier';
import { signXmlBytes } from '../../../electron/signing/sign-xml';
import { writeSignedDossier, type StreamForm } from '../../../electron/signing/stream-dossier';
import { verifyDossierXml } from '../../../electron/signing/verify';
import { makeDossierFile } from '../../../electron/signing/dossier-file';
import { parseDraft } from '../../../shared/draft';
import { buildEnvelope, buildForms, envelopeInfoOf } from '../../../shared/forms';
import { writeTo, xmlsec1Verify } from './oracles';

const NOW = new Date('2026-01-15T03:00:00Z');

describe('streamed dossier = in-memory dossier', () => {
  let token: SoftHsmToken;
  let dir: string;
  let ctx: TestContext;
  const draftInput = bigDraft(300);
  const parsed = parseDraft(draftInput);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
  const draft = parsed.draft;
  const info = envelopeInfoOf(draft);
  const envelope = (files: Parameters<typeof buildEnvelope>[1]) => buildEnvelope(info, files);

  beforeAll(async () => {
    token = await createSoftHsmToken({
      label: 'STREAM',
      pin: '246810',
      soPin: '135790',
      mst: draft.unit.taxCode,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2030-01-01T00:00:00Z'),
    });
    process.env.SOFTHSM2_CONF = token.conf;
    dir = makeTempDir('kekhai-stream-dossier-');
    ctx = createTestContext({ now: NOW });
  });
  afterAll(async () => {
    ctx?.close();
    token?.cleanup();
    if (dir) removeDir(dir);
  });

  /** A signer of its own per test: the service closes (finalises) the library when it is done with it. */
  async function withOwnSigner(work: (signer: Signer) => Promise<void>): Promise<void> {
    const signer = await openSigner({ kind: 'pkcs11', library: token.module, pin: token.pin }, NOW);
    try {
      await work(signer);
    } finally {
      await signer.close();
    }
  }

  /** xmlsec1 on the envelope and on each embedded form, and our verifier on the whole dossier. */
  function checkSignatures(file: string, formCount: number): void {
    const env = xmlsec1Verify(file, token.files.ca);
    expect(env.ok, env.output).toBe(true);
    const xml = readFileSync(file, 'utf8');
    const bodies = [...xml.matchAll(/<NoiDungFile>([^<]*)<\/NoiDungFile>/g)].map((m) => m[1]!);
    expect(bodies.length).toBe(formCount);
    bodies.forEach((b, i) => {
      const r = xmlsec1Verify(writeTo(dir, `form-${i}.xml`, Buffer.from(b, 'base64')), token.files.ca);
      expect(r.ok, r.output).toBe(true);
    });
    const v = verifyDossierXml(readFileSync(file), { now: NOW });
    expect(v.valid, JSON.stringify(v.files)).toBe(true);
    expect(v.files.length).toBe(1 + formCount);
  }

  it('makeDossierFile (the CLI path) writes the bytes signing.makeDossier returns, records the same hashes, and verifies', async () => {
    const spec = { kind: 'pkcs11' as const, library: token.module, pin: token.pin };
    const inMemory = await ctx.value('signing.makeDossier', { draft: draftInput, signer: spec });
    const out = join(dir, 'BHXHDienTu.xml');
    const streamed = await makeDossierFile(ctx, () => draftInput, { signer: spec }, out);
    const bytes = readFileSync(out);
    expect(bytes.equals(Buffer.from(inMemory.envelope.base64, 'base64'))).toBe(true);
    expect(streamed.sha256).toBe(inMemory.sha256);
    expect(streamed.files).toEqual(inMemory.files);
    expect(streamed.files.map((f) => f.fileName)).toEqual(['D02-TS-595.xml', 'TK1-TS-595.xml']);
    const rows = ctx.db.prepare('SELECT file_name, sha256 FROM signatures ORDER BY id DESC LIMIT 3').all() as {
      file_name: string;
      sha256: string;
    }[];
    expect(rows.reverse()).toEqual([
      ...streamed.files.map((f) => ({ file_name: f.fileName, sha256: f.sha256 })),
      { file_name: 'BHXHDienTu.xml', sha256: streamed.sha256 },
    ]);
    checkSignatures(out, 2);
  });

  it('takes the fast path for the byte writer forms; same bytes as makeSignedDossier over buildForms', () =>
    withOwnSigner(async (signer) => {
      const forms = buildForms(draft);
      const lazy: StreamForm[] = forms.map((f) => ({
        code: f.code,
        description: f.description,
        fileName: f.fileName,
        canonicalProducer: true,
        build: () => f.bytes,
      }));
      const out = join(dir, 'fast.xml');
      const r = await writeSignedDossier({ forms: lazy, envelope }, signer, NOW, out);
      expect(r.files.map((f) => f.fastPath)).toEqual(forms.map(() => true));
      const mem = await makeSignedDossier(
        {
          forms: forms.map((f) => ({ code: f.code, description: f.description, fileName: f.fileName, xml: f.xml })),
          envelope,
        },
        signer,
        NOW,
      );
      expect(readFileSync(out).equals(mem.envelopeBytes)).toBe(true);
      expect(r.sha256).toBe(mem.sha256);
      expect(r.files.map((f) => f.sha256)).toEqual(mem.files.map((f) => f.sha256));
    }));

  it('falls back to the streaming C14N for forms not in the byte writer shape, with the same bytes as in memory', () =>
    withOwnSigner(async (signer) => {
      // A claimed canonical producer whose bytes are not canonical (attribute quoting, self-closing tags, CR,
      // references), and a form from another producer: C14N rewrites these, so the bytes must not be hashed as they
      // are. (Comments, PIs and CDATA are refused outright since issue #12 — see the test below.)
      const odd = [
        `<?xml version="1.0" encoding="utf-8"?>\n<TK1-TS><NoiDung a='1' ><Ten>L&#xE2;n\r</Ten><X/></NoiDung>\n<Cky/></TK1-TS>`,
        `<?xml version="1.0" encoding="utf-8"?><D02-TS xmlns:q="urn:q"><NoiDung><q:Ten>Bình</q:Ten></NoiDung><Cky></Cky></D02-TS>`,
        // The byte writer's outer shape, but markup C14N rewrites inside (CR, namespace declarations).
        `<?xml version="1.0" encoding="utf-8"?><TK1-TS><NoiDung>Lan\r\nHòa</NoiDung><Cky></Cky></TK1-TS>`,
        `<?xml version="1.0" encoding="utf-8"?><TK1-TS><NoiDung xmlns="">Lan!</NoiDung><Cky></Cky></TK1-TS>`,
        `<?xml version="1.0" encoding="utf-8"?><TK1-TS><NoiDung xmlns:x="urn:x">Hỏi?</NoiDung><Cky></Cky></TK1-TS>`,
        `<?xml version="1.0" encoding="utf-8"?><D01-TS><NoiDung>Hòa</NoiDung><Cky></Cky></D01-TS>`,
      ];
      const forms = odd.map((xml, i) => ({ code: `F${i}`, description: `Tờ khai ${i}`, fileName: `F${i}.xml`, xml }));
      const lazy: StreamForm[] = forms.map((f, i) => ({
        ...f,
        canonicalProducer: i < odd.length - 1,
        build: () => Buffer.from(f.xml, 'utf8'),
      }));
      const out = join(dir, 'fallback.xml');
      const r = await writeSignedDossier({ forms: lazy, envelope }, signer, NOW, out);
      expect(r.files.map((f) => f.fastPath)).toEqual(odd.map(() => false));
      const mem = await makeSignedDossier({ forms, envelope }, signer, NOW);
      expect(readFileSync(out).equals(mem.envelopeBytes)).toBe(true);
      checkSignatures(out, odd.length);
    }));

  it('refuses to sign a form with a comment, PI or CDATA (the shared reader would refuse the dossier)', () =>
    withOwnSigner(async (signer) => {
      for (const [i, xml] of [
        `<?xml version="1.0" encoding="utf-8"?><TK1-TS><NoiDung>Lan!<!-- ghi chú --></NoiDung><Cky></Cky></TK1-TS>`,
        `<?xml version="1.0" encoding="utf-8"?><TK1-TS><NoiDung>Hỏi?<?pi x?></NoiDung><Cky></Cky></TK1-TS>`,
        `<?xml version="1.0" encoding="utf-8"?><TK1-TS><NoiDung><![CDATA[x]]></NoiDung><Cky></Cky></TK1-TS>`,
      ].entries()) {
        const out = join(dir, `refused-${i}.xml`);
        const lazy: StreamForm[] = [
          {
            code: 'X',
            description: 'x',
            fileName: 'x.xml',
            canonicalProducer: false,
            build: () => Buffer.from(xml, 'utf8'),
          },
        ];
        await expect(writeSignedDossier({ forms: lazy, envelope }, signer, NOW, out)).rejects.toMatchObject({
          code: 'XML_FORBIDDEN_MARKUP',
        });
        expect(() => readFileSync(out)).toThrow();
      }
    }));

  it('leaves no file behind when signing fails', () =>
    withOwnSigner(async (signer) => {
      const out = join(dir, 'failed.xml');
      const signed = await signXmlBytes(
        Buffer.from('<?xml version="1.0" encoding="utf-8"?><TK1-TS><NoiDung>Lan</NoiDung><Cky></Cky></TK1-TS>'),
        signer,
        NOW,
      );
      const lazy: StreamForm[] = [
        { code: 'X', description: 'x', fileName: 'x.xml', canonicalProducer: true, build: () => signed },
      ];
      await expect(writeSignedDossier({ forms: lazy, envelope }, signer, NOW, out)).rejects.toMatchObject({
        code: 'ALREADY_SIGNED',
      });
      expect(() => readFileSync(out)).toThrow();
      expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    }));
});
