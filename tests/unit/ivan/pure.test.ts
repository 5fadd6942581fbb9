import { describe, expect, test } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../shared/ivan/backoff';
import { canTransition, pathTo } from '../../../shared/ivan/outbox-state';
import { formatReceiptNo, parseReceiptNo } from '../../../shared/ivan/receipt-number';
import { daysToDeadline, registrationPhase, TEST_CERT_CUTOFF_UTC } from '../../../shared/ivan/deadlines';
import { hasHosoRoot, readEnvelope } from '../../../shared/ivan/envelope-read';
import { seededRandom } from '../../../electron/ivan/simulator/failures';

describe('backoff', () => {
  test('grows exponentially, stays within [half, full] of the step, and is capped', () => {
    const p = { baseMs: 1000, capMs: 60_000 };
    expect(backoffDelay(1, p, 0)).toBe(500);
    expect(backoffDelay(1, p, 0.999999)).toBe(1000);
    expect(backoffDelay(3, p, 0)).toBe(2000);
    expect(backoffDelay(30, p, 0.5)).toBeLessThanOrEqual(60_000);
    expect(backoffDelay(10_000, DEFAULT_BACKOFF, 1)).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs);
    for (let n = 1; n < 12; n++) expect(backoffDelay(n + 1, p, 0.3)).toBeGreaterThanOrEqual(backoffDelay(n, p, 0.3));
  });
});

describe('outbox states', () => {
  test('queued → sent → received → accepted|rejected; cancelled only from queued', () => {
    expect(canTransition('queued', 'cancelled')).toBe(true);
    expect(canTransition('sent', 'cancelled')).toBe(false);
    expect(canTransition('accepted', 'rejected')).toBe(false);
    expect(pathTo('queued', 'accepted')).toEqual(['sent', 'received', 'accepted']);
    expect(pathTo('sent', 'rejected')).toEqual(['received', 'rejected']);
    expect(pathTo('received', 'queued')).toEqual([]);
  });
});

describe('số hồ sơ', () => {
  test('NNNNN/YYYY/CCCCC', () => {
    expect(formatReceiptNo(3706, 2026, '07906')).toBe('03706/2026/07906');
    expect(parseReceiptNo('27885/2020/00108')).toEqual({ sequence: 27885, year: 2020, agencyCode: '00108' });
    expect(parseReceiptNo('2788/2020/00108')).toBeNull();
    expect(() => formatReceiptNo(100_000, 2026, '07906')).toThrow();
    expect(() => formatReceiptNo(1, 2026, '7906')).toThrow();
  });
});

describe('2015 deadlines (Vietnam time)', () => {
  test('the test certificate cut-off is 31/10/2015 23:59:59 +07:00', () => {
    expect(new Date(TEST_CERT_CUTOFF_UTC).toISOString()).toBe('2015-10-31T16:59:59.000Z');
    expect(registrationPhase(new Date('2015-10-31T16:59:59Z'))).toBe('before-deadline');
    expect(registrationPhase(new Date('2015-10-31T17:00:00Z'))).toBe('paper-closed');
    expect(daysToDeadline(new Date('2015-10-30T18:00:00Z'))).toBe(0);
    expect(daysToDeadline(new Date('2015-10-20T00:00:00Z'))).toBe(11);
    expect(daysToDeadline(new Date('2015-11-01T00:00:00Z'))).toBeNull();
  });
});

describe('envelope reader', () => {
  test('finds unit, agency, period, procedure and forms; recognises the Hoso root', () => {
    // (A comment before the root is refused since issue #12 — see tests/integration/signing/hiding-places.test.ts.)
    const xml = `<?xml version="1.0" encoding="utf-8"?>\n<Hoso><NoiDung><ThongTinIVAN><MaIVAN>00040</MaIVAN></ThongTinIVAN><ThongTinDonVi><MaSoBHXH>TS12345</MaSoBHXH><CoQuanQuanLy>07906</CoQuanQuanLy></ThongTinDonVi><ThongTinHoSo><MaThuTuc>600</MaThuTuc><KyKeKhai>10/2015</KyKeKhai><ToKhais><FileToKhai><MaToKhai>D02-TS</MaToKhai><TenFile>D02-TS-595.xml</TenFile><NoiDungFile>PEE+PC9BPg==</NoiDungFile></FileToKhai></ToKhais></ThongTinHoSo></NoiDung><CKy_Dvi/></Hoso>`;
    expect(hasHosoRoot(xml)).toBe(true);
    expect(hasHosoRoot('<HosoX/>')).toBe(false);
    expect(hasHosoRoot('<html><Hoso/></html>')).toBe(false);
    expect(readEnvelope(xml)).toMatchObject({
      kind: 'dossier',
      ivanCode: '00040',
      unitCode: 'TS12345',
      agencyCode: '07906',
      period: '10/2015',
      procedure: '600',
      forms: [{ code: 'D02-TS', fileName: 'D02-TS-595.xml', base64: 'PEE+PC9BPg==', root: 'A', rows: [] }],
    });
    expect(hasHosoRoot(xml.replace('<Hoso>', '<!-- c --><Hoso>'))).toBe(false);
  });
});

test('seeded failure generator replays', () => {
  const a = seededRandom(5);
  const b = seededRandom(5);
  const xs = Array.from({ length: 5 }, () => a());
  expect(xs).toEqual(Array.from({ length: 5 }, () => b()));
  expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
});
