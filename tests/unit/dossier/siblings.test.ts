import { describe, expect, it } from 'vitest';
import { readSignedXml } from '../../../shared/dossier/read';

/**
 * A repeated element is refused wherever it is (issue #12: a second copy is a place to hide data), whether its
 * parent has a few children (a short list) or hundreds of different ones (a Set past 32, so the check stays
 * linear); rows may repeat; the verifier's reading without rows refuses the same.
 */
const form = (row: string, rows = 1) =>
  `<D02-TS><NoiDung><DanhSach>${Array.from({ length: rows }, () => `<LaoDong>${row}</LaoDong>`).join('')}</DanhSach></NoiDung></D02-TS>`;
const fields = (n: number) => Array.from({ length: n }, (_, i) => `<F${i}>${i}</F${i}>`).join('');

describe('repeated elements in a form', () => {
  it('reads rows of many different fields, rows repeating', () => {
    const r = readSignedXml(form(fields(40), 3));
    expect(r.rows).toHaveLength(3);
    expect(Object.keys(r.rows[0]!)).toHaveLength(40);
    expect(r.rows[2]!.F39).toBe('39');
  });

  for (const n of [3, 40, 500]) {
    it(`refuses a field repeated among ${n} others, with or without the rows collected`, () => {
      const xml = form(fields(n) + '<F1>9</F1>');
      for (const rows of [true, false])
        expect(() => readSignedXml(xml, { rows }), `${n} ${rows}`).toThrow(
          expect.objectContaining({ code: 'XML_DUPLICATE_ELEMENT' }),
        );
    });
  }

  it('the verifier reading (no rows) keeps the structure and collects no rows', () => {
    const r = readSignedXml(form(fields(5), 2), { rows: false });
    expect(r.root).toBe('D02-TS');
    expect(r.rows).toEqual([]);
  });
});
