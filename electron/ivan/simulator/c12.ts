import type { EnvelopeFacts } from '../../../shared/ivan/envelope-read';
import type { NotificationBody } from '../../../shared/ivan/profile';

type Statement = NonNullable<NotificationBody['statement']>;

/**
 * A training C12-TS ("thông báo kết quả đóng", domain reference §2.3) for an accepted procedure-600 dossier:
 * part B (phát sinh trong kỳ) from the D02-TS rows — B.1 số lao động, B.2 quỹ lương, B.3 phải đóng. The real
 * statement also carries the previous balance and payments, which only BHXH knows; the local server leaves them 0.
 * Column split follows the C12-TS: bhxh = HT-TT + ÔĐ-TS (employer 17 % + employee 8 %), bhyt 4.5 %, bhtn 2 %,
 * bhtnld = TNLĐ-BNN (1 % until 05/2017, 0.5 % after; NĐ 44/2017 — domain reference §4.1).
 */
export function c12Statement(facts: EnvelopeFacts, agencyCode: string): Statement {
  const [mm, yyyy] = (facts.period ?? '01/2015').split('/').map(Number) as [number, number];
  const tnld = yyyy * 100 + mm < 201706 ? 1 : 0.5;
  let headsUp = 0;
  let headsDown = 0;
  let fundUp = 0;
  let fundDown = 0;
  for (const f of facts.forms.filter((x) => x.code === 'D02-TS')) {
    const xml = Buffer.from(f.base64, 'base64').toString('utf8');
    for (const m of xml.matchAll(/<LaoDong>([\s\S]*?)<\/LaoDong>/g)) {
      const row = m[1]!;
      const pa = /<PA>([^<]*)<\/PA>/.exec(row)?.[1] ?? '';
      const wage = Number(/<TienLuong>([^<]*)<\/TienLuong>/.exec(row)?.[1] ?? 0) || 0;
      // Increase codes start with T or A (TM, TC, TD, TH, AD, AT …); decreases with G, S, O, K (domain reference §3.1).
      if (/^[TA]/.test(pa)) {
        headsUp++;
        fundUp += wage;
      } else if (/^[GSOK]/.test(pa)) {
        headsDown++;
        fundDown += wage;
      }
    }
  }
  const net = fundUp - fundDown;
  const r = (p: number) => Math.round((net * p) / 100);
  const line = (code: string, label: string, v: [number, number, number, number], cong = v[0] + v[1] + v[2] + v[3]) => ({ code, label, bhxh: v[0], bhyt: v[1], bhtn: v[2], bhtnld: v[3], cong });
  return {
    period: facts.period ?? '',
    agencyCode,
    unitCode: facts.unitCode ?? '',
    lines: [
      line('B.1.1', 'Số lao động tăng', [headsUp, headsUp, headsUp, headsUp], headsUp),
      line('B.1.2', 'Số lao động giảm', [headsDown, headsDown, headsDown, headsDown], headsDown),
      line('B.2.1', 'Quỹ lương tăng', [fundUp, fundUp, fundUp, fundUp], fundUp),
      line('B.2.2', 'Quỹ lương giảm', [fundDown, fundDown, fundDown, fundDown], fundDown),
      line('B.3', 'Phải đóng phát sinh', [r(25), r(4.5), r(2), r(tnld)]),
    ],
  };
}
