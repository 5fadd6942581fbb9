/**
 * Issue #12 item 5 — real signed files from another implementation (tests/fixtures/real/, from the public
 * 5310101/ERS_EbhRemoteSigning repository, see its README): our strict reader reads them (BOM, `xmlns:xsi`, `<X />`),
 * their signatures are intact, and they are not trusted — we do not have their issuing CA ("CHỮ KÝ SỐ TEST").
 * xmlsec1 (raw key, certificate not checked) agrees that the signatures verify.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { verifyDossierXml } from '../../../electron/signing/verify';
import { readSignedXml } from '../../../shared/dossier/read';

const REAL = join(process.cwd(), 'tests', 'fixtures', 'real');
// Received the day they were signed (their SigningTime, unsigned, says 18/05/2023 07:28:42 UTC).
const RECEIVED = new Date('2023-05-18T08:00:00Z');

describe('real ERS files (D02-TS, TK1-TS)', () => {
  for (const name of ['ers-D02-TS-595.xml', 'ers-TK1-TS-595.xml']) {
    it(`${name}: read strictly, intact, trusted:false without their CA; xmlsec1 agrees on the signature`, () => {
      const bytes = readFileSync(join(REAL, name));
      const reading = readSignedXml(bytes.toString('latin1'), { latin1: true });
      expect(reading.rows).toHaveLength(1);
      expect(reading.rows[0]).toMatchObject({ HoTen: 'Nguyễn Hoàng Anh', MasoBHXH: '2220037811' });
      const r = verifyDossierXml(bytes, { name, now: RECEIVED });
      expect(r).toMatchObject({ valid: true, trusted: false });
      expect(r.files[0]).toMatchObject({
        digestValid: true,
        signatureValid: true,
        state: 'untrusted',
        mst: '0101300842-999',
        timeSource: 'receipt-time',
        revocation: 'not-checked',
      });
      expect(r.files[0]!.chain).toHaveLength(1);
      const sec = spawnSync('xmlsec1', ['--verify', '--enabled-key-data', 'x509', '--insecure', join(REAL, name)], {
        encoding: 'utf8',
      });
      expect(sec.status, sec.stderr).toBe(0);
      // Today the certificate has expired: judged at the receipt time, the verdict is invalid …
      expect(verifyDossierXml(bytes, { name, now: new Date('2026-01-01T00:00:00Z') }).valid).toBe(false);
      // … and rewriting the unsigned SigningTime to the past changes nothing.
      const edited = Buffer.from(
        bytes.toString('latin1').replace(/(<SigningTime[^>]*>)[^<]*/, '$12023-05-18T07:28:42Z'),
        'latin1',
      );
      expect(verifyDossierXml(edited, { name, now: new Date('2026-01-01T00:00:00Z') }).valid).toBe(false);
    });
  }
});
