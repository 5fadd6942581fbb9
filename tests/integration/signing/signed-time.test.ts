/**
 * Issue #12 item 2 — our own signatures sign their SigningTime (a second Reference to the Object carrying it, the
 * shape eBH's real 01B-HSB files have, domain reference addendum 2 item 8), for the envelope and every form. A dossier
 * signed on a 2015 clock with the 2015 test certificate is judged at that signed time: verified in 2026, long after
 * the certificate expired, it is valid and (for the test CA, trusted for the test certificate only) trusted. xmlsec1
 * with X.509 checking agrees at the signed time; editing the signed time breaks the signature.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { verifyDossierXml } from '../../../electron/signing/verify';
import { trustAnchors } from '../../../electron/signing/trust-store';
import { SIGNING_TIME_OBJECT_ID } from '../../../shared/signing/profile';
import { makeTempDir, removeDir } from '../../support/tmp';
import { runCli } from '../../support/cli';
import { BEFORE_DEADLINE, RESOURCES, signedDossier, testCertSigner } from '../ivan/fixtures';

let dir: string;
let xml: string;
const LATE = new Date('2026-06-01T00:00:00Z');
const TEST_CA = join(RESOURCES, 'test-signing', 'test-ca.pem');

/** The embedded forms of a dossier (Base64 in `NoiDungFile`). */
function formsOf(envelope: string): string[] {
  return [...envelope.matchAll(/<NoiDungFile>([^<]+)<\/NoiDungFile>/g)].map((m) =>
    Buffer.from(m[1]!, 'base64').toString('utf8'),
  );
}

function xmlsec1(file: string, gmtTime: string): { ok: boolean; output: string } {
  const r = spawnSync(
    'xmlsec1',
    ['--verify', '--enabled-key-data', 'x509', '--trusted-pem', TEST_CA, '--verification-gmt-time', gmtTime, file],
    { encoding: 'utf8' },
  );
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  dir = makeTempDir('kekhai-signed-time-');
  const s = await testCertSigner();
  try {
    xml = await signedDossier(s, 2, { signingTime: BEFORE_DEADLINE });
  } finally {
    await s.close();
  }
});
afterAll(() => removeDir(dir));

describe('a signed SigningTime in our own signatures', () => {
  it('envelope and forms carry a second Reference to the SigningTime Object; xmlsec1 (X.509 checked) verifies each at the signed time', () => {
    const docs = [xml, ...formsOf(xml)];
    expect(docs.length).toBeGreaterThan(1);
    docs.forEach((doc, i) => {
      expect(doc).toContain(`<Reference URI="#${SIGNING_TIME_OBJECT_ID}">`);
      expect(doc).toContain(`<Object Id="${SIGNING_TIME_OBJECT_ID}">`);
      const file = join(dir, `doc-${i}.xml`);
      writeFileSync(file, doc);
      // 20/10/2015 09:00 +07:00 = 02:00 GMT, inside the test certificate's validity.
      const sec = xmlsec1(file, '2015-10-20 02:00:00');
      expect(sec.ok, sec.output).toBe(true);
      // xmlsec1 checks the certificate at the time it is given: in 2026 it has expired (the check can fail).
      expect(xmlsec1(file, '2026-06-01 00:00:00').ok).toBe(false);
    });
  });

  it('verified in 2026: valid at the signed time, trusted for the test CA; editing the signed time breaks the signature', () => {
    const anchors = trustAnchors({ dataDir: join(dir, 'data'), resourcesDir: RESOURCES });
    const r = verifyDossierXml(Buffer.from(xml), { now: LATE, anchors });
    expect(r.valid).toBe(true);
    expect(r.trusted).toBe(true);
    for (const f of r.files) {
      expect(f).toMatchObject({
        valid: true,
        trusted: true,
        state: 'trusted',
        timeSource: 'signed-time',
        judgedAt: BEFORE_DEADLINE.toISOString(),
        certValidAtSigningTime: true,
      });
    }
    // Move the envelope's signed time (still inside the certificate's validity): the second Reference no longer matches.
    const edited = xml.replace(/(<SigningTime[^>]*>)[^<]*(<\/SigningTime>)/, '$12015-10-21T02:00:00Z$2');
    expect(edited).not.toBe(xml);
    const broken = verifyDossierXml(Buffer.from(edited), { now: LATE, anchors });
    expect(broken.valid).toBe(false);
    expect(broken.files[0]!.reason).toMatch(/SigningTime.*đã bị sửa sau khi ký/);
    const file = join(dir, 'edited.xml');
    writeFileSync(file, edited);
    expect(xmlsec1(file, '2015-10-20 02:00:00').ok).toBe(false);
  });

  it('kekhai verify --json on a 2026 clock: exit 0, valid and trusted, judged at the signed time', async () => {
    const file = join(dir, 'BHXHDienTu.xml');
    writeFileSync(file, xml);
    const r = await runCli(['verify', file, '--json', '--now', LATE.toISOString()], { data: join(dir, 'cli-data') });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ valid: true, trusted: true });
    expect(
      r.json.files.every(
        (f: { timeSource: string; judgedAt: string }) =>
          f.timeSource === 'signed-time' && f.judgedAt === BEFORE_DEADLINE.toISOString(),
      ),
    ).toBe(true);
  });
});
