import type { RuleTables } from './schema';

/**
 * The rule tables in force by date. Sources: docs reference §4 and the named legal texts.
 * Percent of the monthly insured salary; amounts in đồng.
 */
export const RULES: RuleTables = {
  rates: [
    {
      validFrom: '2015-01-01',
      validTo: '2017-05-31',
      employer: { pension: 14, sickness: 3, accident: 1, health: 3, unemployment: 1 },
      employee: { pension: 8, sickness: 0, accident: 0, health: 1.5, unemployment: 1 },
      source:
        'Luật BHXH 2006 Điều 91–92 (lộ trình từ 01/2014), Luật BHXH 2014 Điều 85–86 (từ 01/2016); Luật BHYT sửa đổi 2014; Luật Việc làm 2013 Điều 57; QĐ 959/QĐ-BHXH',
      evidence: '[CONFIRMED] total 32,5 % (Thái Sơn enum ty_le_dong; HDDTVN)',
    },
    {
      validFrom: '2017-06-01',
      validTo: '2021-06-30',
      employer: { pension: 14, sickness: 3, accident: 0.5, health: 3, unemployment: 1 },
      employee: { pension: 8, sickness: 0, accident: 0, health: 1.5, unemployment: 1 },
      source: 'NĐ 44/2017/NĐ-CP Điều 4 (BHTNLĐ-BNN 0,5 % từ 01/06/2017); QĐ 595/QĐ-BHXH',
      evidence: '[CONFIRMED] 17,5 % + 8 % BHXH (HDDTVN); NĐ 58/2020 allows 0,3 % for approved employers — not modelled',
    },
    {
      // QĐ 23/2021/QĐ-TTg: BHTNLĐ-BNN 0 % for 12 months from 01/07/2021 (employer BHTN still 1 % until 09/2021).
      validFrom: '2021-07-01',
      validTo: '2021-09-30',
      employer: { pension: 14, sickness: 3, accident: 0, health: 3, unemployment: 1 },
      employee: { pension: 8, sickness: 0, accident: 0, health: 1.5, unemployment: 1 },
      source: 'NQ 68/NQ-CP; QĐ 23/2021/QĐ-TTg Điều 1 (BHTNLĐ-BNN 0 % 01/07/2021–30/06/2022)',
      evidence: '[INFERENCE/known law]',
    },
    {
      validFrom: '2021-10-01',
      validTo: '2022-06-30',
      employer: { pension: 14, sickness: 3, accident: 0, health: 3, unemployment: 0 },
      employee: { pension: 8, sickness: 0, accident: 0, health: 1.5, unemployment: 1 },
      source:
        'QĐ 23/2021/QĐ-TTg (BHTNLĐ-BNN 0 %); NQ 116/NQ-CP (BHTN người sử dụng lao động 0 % 01/10/2021–30/09/2022)',
      evidence: '[INFERENCE/known law] total 30,5 % (reference §4.1)',
    },
    {
      // The TNLĐ-BNN exemption ended 30/06/2022 while the BHTN one ran to 30/09/2022.
      validFrom: '2022-07-01',
      validTo: '2022-09-30',
      employer: { pension: 14, sickness: 3, accident: 0.5, health: 3, unemployment: 0 },
      employee: { pension: 8, sickness: 0, accident: 0, health: 1.5, unemployment: 1 },
      source:
        'NĐ 44/2017/NĐ-CP (0,5 % again from 01/07/2022); NQ 116/NQ-CP (BHTN người sử dụng lao động 0 % đến 30/09/2022)',
      evidence: '[INFERENCE/known law]; the reference table rounds this quarter into 30,5 %',
    },
    {
      validFrom: '2022-10-01',
      validTo: null,
      employer: { pension: 14, sickness: 3, accident: 0.5, health: 3, unemployment: 1 },
      employee: { pension: 8, sickness: 0, accident: 0, health: 1.5, unemployment: 1 },
      source:
        'Luật BHXH 2014 Điều 85–86; NĐ 44/2017/NĐ-CP; Luật BHXH 2024 Điều 33–34 (từ 01/07/2025); Luật Việc làm 2013 Điều 57',
      evidence: '[OBSERVED] TyleDong 32.0 in a real 05/2023 D02-TS; 2026 C12-TS implies 25 + 4,5 + 2 + 0,5',
    },
  ],
  baseSalary: [
    {
      validFrom: '2013-07-01',
      validTo: '2016-04-30',
      amount: 1_150_000,
      source: 'NĐ 66/2013/NĐ-CP',
      evidence: '[CONFIRMED] Thái Sơn enum luong_co_so',
    },
    {
      validFrom: '2016-05-01',
      validTo: '2017-06-30',
      amount: 1_210_000,
      source: 'NĐ 47/2016/NĐ-CP',
      evidence: '[CONFIRMED] Thái Sơn enum luong_co_so',
    },
    {
      validFrom: '2017-07-01',
      validTo: '2018-06-30',
      amount: 1_300_000,
      source: 'NĐ 47/2017/NĐ-CP',
      evidence: '[INFERENCE/known law]',
    },
    {
      validFrom: '2018-07-01',
      validTo: '2019-06-30',
      amount: 1_390_000,
      source: 'NĐ 72/2018/NĐ-CP',
      evidence: '[INFERENCE/known law]',
    },
    {
      validFrom: '2019-07-01',
      validTo: '2023-06-30',
      amount: 1_490_000,
      source: 'NĐ 38/2019/NĐ-CP',
      evidence: '[INFERENCE/known law]',
    },
    {
      validFrom: '2023-07-01',
      validTo: '2024-06-30',
      amount: 1_800_000,
      source: 'NĐ 24/2023/NĐ-CP',
      evidence: '[INFERENCE/known law]',
    },
    {
      validFrom: '2024-07-01',
      validTo: '2026-06-30',
      amount: 2_340_000,
      source: 'NĐ 73/2024/NĐ-CP Điều 3 khoản 2; from 01/07/2025 the "mức tham chiếu" of Luật BHXH 2024 equals it',
      evidence: '[S] legal-rules.md §5',
    },
    {
      // bhxh-domain.md addendum 3 / legal-rules.md §5: "Từ ngày 01 tháng 7 năm 2026, mức lương cơ sở là 2.530.000
      // đồng/tháng". While lương cơ sở exists the mức tham chiếu equals it (Luật BHXH 2024 Điều 7; NĐ 158/2025 Điều 5),
      // so the BHXH/BHYT cap becomes 20 × 2.530.000 = 50.600.000.
      validFrom: '2026-07-01',
      validTo: null,
      amount: 2_530_000,
      source: 'NĐ 161/2026/NĐ-CP (15/05/2026); mức tham chiếu của Luật BHXH 2024 bằng lương cơ sở',
      evidence: '[S] secondary sources only (legal-rules.md §5; confirm against Công báo)',
    },
  ],
  regionalMinimum: [
    {
      validFrom: '2015-01-01',
      validTo: '2015-12-31',
      amounts: { '01': 3_100_000, '02': 2_750_000, '03': 2_400_000, '04': 2_150_000 },
      source: 'NĐ 103/2014/NĐ-CP Điều 3',
      evidence: '[CONFIRMED] HDDTVN NĐ 103 page',
    },
    {
      validFrom: '2016-01-01',
      validTo: '2016-12-31',
      amounts: { '01': 3_500_000, '02': 3_100_000, '03': 2_700_000, '04': 2_400_000 },
      source: 'NĐ 122/2015/NĐ-CP Điều 3',
      evidence: '[INFERENCE/known law]',
    },
    {
      validFrom: '2017-01-01',
      validTo: '2017-12-31',
      amounts: { '01': 3_750_000, '02': 3_320_000, '03': 2_900_000, '04': 2_580_000 },
      source: 'NĐ 153/2016/NĐ-CP Điều 3',
      evidence: '[INFERENCE/known law]',
    },
    {
      validFrom: '2018-01-01',
      validTo: '2018-12-31',
      amounts: { '01': 3_980_000, '02': 3_530_000, '03': 3_090_000, '04': 2_760_000 },
      source: 'NĐ 141/2017/NĐ-CP Điều 3',
      evidence: '[INFERENCE/known law]',
    },
    {
      validFrom: '2019-01-01',
      validTo: '2019-12-31',
      amounts: { '01': 4_180_000, '02': 3_710_000, '03': 3_250_000, '04': 2_920_000 },
      source: 'NĐ 157/2018/NĐ-CP Điều 3',
      evidence: '[CONFIRMED] HDDTVN',
    },
    {
      validFrom: '2020-01-01',
      validTo: '2022-06-30',
      amounts: { '01': 4_420_000, '02': 3_920_000, '03': 3_430_000, '04': 3_070_000 },
      source: 'NĐ 90/2019/NĐ-CP Điều 3',
      evidence: '[CONFIRMED] HDDTVN',
    },
    {
      validFrom: '2022-07-01',
      validTo: '2024-06-30',
      amounts: { '01': 4_680_000, '02': 4_160_000, '03': 3_640_000, '04': 3_250_000 },
      source: 'NĐ 38/2022/NĐ-CP Điều 3',
      evidence: '[INFERENCE/known law]',
    },
    {
      validFrom: '2024-07-01',
      validTo: '2025-12-31',
      amounts: { '01': 4_960_000, '02': 4_410_000, '03': 3_860_000, '04': 3_450_000 },
      source: 'NĐ 74/2024/NĐ-CP Điều 3',
      evidence: '[CONFIRMED] laodong.vn clipping',
    },
    {
      validFrom: '2026-01-01',
      validTo: null,
      amounts: { '01': 5_310_000, '02': 4_730_000, '03': 4_140_000, '04': 3_700_000 },
      source: 'NĐ 293/2025/NĐ-CP Điều 3',
      evidence: '[CONFIRMED] laodong.vn clipping; [OBSERVED] 5.310.000 in 01/2026 portal data',
    },
  ],
  caps: [
    {
      validFrom: '2015-01-01',
      validTo: '2025-06-30',
      fund: 'social',
      of: 'baseSalary',
      multiple: 20,
      payScheme: 'any',
      source: 'Luật BHXH 2006 Điều 94; Luật BHXH 2014 Điều 89 khoản 3 (từ 01/2016)',
    },
    {
      validFrom: '2025-07-01',
      validTo: null,
      fund: 'social',
      of: 'baseSalary',
      multiple: 20,
      payScheme: 'any',
      source: 'Luật BHXH 2024 Điều 31 khoản 1 (20 lần mức tham chiếu, bằng lương cơ sở)',
      evidence: '[INFERENCE]',
    },
    {
      validFrom: '2015-01-01',
      validTo: null,
      fund: 'health',
      of: 'baseSalary',
      multiple: 20,
      payScheme: 'any',
      source: 'NĐ 105/2014/NĐ-CP Điều 3; NĐ 146/2018/NĐ-CP Điều 7',
    },
    {
      validFrom: '2015-01-01',
      validTo: null,
      fund: 'unemployment',
      of: 'regionalMinimum',
      multiple: 20,
      payScheme: 'employerSet',
      source: 'Luật Việc làm 2013 Điều 58 khoản 2',
      evidence: '[INFERENCE] kept by Luật Việc làm 2025 from 01/2026',
    },
    {
      validFrom: '2015-01-01',
      validTo: null,
      fund: 'unemployment',
      of: 'baseSalary',
      multiple: 20,
      payScheme: 'state',
      source: 'Luật Việc làm 2013 Điều 58 khoản 1',
    },
  ],
  trainedUplift: [
    // "Cao hơn ít nhất 7% so với mức lương tối thiểu vùng đối với người lao động đã qua học nghề" — in each year's
    // regional-minimum decree, carried into the contribution floor by QĐ 595/QĐ-BHXH Điều 6 k.2.6 (legal-rules.md §3.1).
    // Dropped by NĐ 38/2022/NĐ-CP from 01/07/2022 (agreements more favourable continue: CV 2086/BLĐTBXH-TLĐLĐVN).
    {
      validFrom: '2015-01-01',
      validTo: '2015-12-31',
      percent: 7,
      source: 'NĐ 103/2014/NĐ-CP Điều 5 khoản 1 điểm b',
      evidence: '[INFERENCE/known law]',
    },
    {
      validFrom: '2016-01-01',
      validTo: '2016-12-31',
      percent: 7,
      source: 'NĐ 122/2015/NĐ-CP Điều 5 khoản 1 điểm b',
      evidence: '[S] legal-rules.md §3.1',
    },
    {
      validFrom: '2017-01-01',
      validTo: '2017-12-31',
      percent: 7,
      source: 'NĐ 153/2016/NĐ-CP Điều 5 khoản 1 điểm b; QĐ 595/QĐ-BHXH Điều 6 khoản 2.6',
      evidence: '[INFERENCE/known law]',
    },
    {
      validFrom: '2018-01-01',
      validTo: '2018-12-31',
      percent: 7,
      source: 'NĐ 141/2017/NĐ-CP Điều 5 khoản 1 điểm b; QĐ 595/QĐ-BHXH Điều 6 khoản 2.6',
      evidence: '[INFERENCE/known law]',
    },
    {
      validFrom: '2019-01-01',
      validTo: '2019-12-31',
      percent: 7,
      source: 'NĐ 157/2018/NĐ-CP Điều 5 khoản 1 điểm b; QĐ 595/QĐ-BHXH Điều 6 khoản 2.6',
      evidence: '[INFERENCE/known law]',
    },
    {
      validFrom: '2020-01-01',
      validTo: '2022-06-30',
      percent: 7,
      source:
        'NĐ 90/2019/NĐ-CP Điều 5 khoản 1 điểm b; QĐ 595/QĐ-BHXH Điều 6 khoản 2.6 (bỏ từ 01/07/2022 theo NĐ 38/2022/NĐ-CP)',
      evidence: '[S] legal-rules.md §3.1 (mondaq quoting NĐ 90 Art. 5.1.b)',
    },
  ],
  hazardUplift: [
    // "…nặng nhọc, độc hại, nguy hiểm phải cao hơn ít nhất 5%; …đặc biệt nặng nhọc, độc hại, nguy hiểm … ít nhất 7%" —
    // on top of the floor of the same work in normal conditions (legal-rules.md §3.2). The end date is an inference:
    // NĐ 145/2020 (in force 01/02/2021) repealed NĐ 49/2013, the decree that carried the rule.
    {
      validFrom: '2015-01-01',
      validTo: '2021-01-31',
      level: 'heavy',
      percent: 5,
      source:
        'NĐ 49/2013/NĐ-CP Điều 7 khoản 2; QĐ 595/QĐ-BHXH Điều 6 khoản 2.6 (NĐ 49/2013 bãi bỏ bởi NĐ 145/2020/NĐ-CP Điều 114)',
      evidence: '[S] legal-rules.md §3.2; end date [INFERENCE]',
    },
    {
      validFrom: '2015-01-01',
      validTo: '2021-01-31',
      level: 'especiallyHeavy',
      percent: 7,
      source:
        'NĐ 49/2013/NĐ-CP Điều 7 khoản 2; QĐ 595/QĐ-BHXH Điều 6 khoản 2.6 (NĐ 49/2013 bãi bỏ bởi NĐ 145/2020/NĐ-CP Điều 114)',
      evidence: '[S] legal-rules.md §3.2; end date [INFERENCE]',
    },
  ],
  shortContractFunds: [
    // Before 2018 contracts under 3 months were outside compulsory BHXH: a TH row is refused (legal-rules.md §2.1–2.2).
    {
      validFrom: '2015-01-01',
      validTo: '2017-12-31',
      funds: [],
      source:
        'Luật BHXH 58/2014/QH13 Điều 2 khoản 1 điểm b, Điều 124 khoản 1 (HĐLĐ 1–dưới 3 tháng bắt buộc từ 01/01/2018); Luật BHXH 71/2006 Điều 2',
      evidence: '[P] legal-rules.md §2.1–2.2',
    },
    // 1 to under 3 months: BHXH (HT-TT, ÔĐ-TS) + TNLĐ-BNN only; BHYT and BHTN from 3 months (legal-rules.md §2.3–2.5).
    {
      validFrom: '2018-01-01',
      validTo: '2025-06-30',
      funds: ['pension', 'sickness', 'accident'],
      source:
        'Luật BHXH 58/2014/QH13 Điều 2 khoản 1 điểm b; Luật BHYT sửa đổi 46/2014/QH13 Điều 12 khoản 1 điểm a; Luật Việc làm 38/2013/QH13 Điều 43; CV 3895/BHXH-TB (29/12/2017)',
      evidence: '[P]/[S] legal-rules.md §2.3',
    },
    {
      validFrom: '2025-07-01',
      validTo: '2025-12-31',
      funds: ['pension', 'sickness', 'accident', 'health'],
      source: 'Luật BHYT sửa đổi 51/2024/QH15 (BHYT từ HĐLĐ đủ 1 tháng, từ 01/07/2025); Luật BHXH 41/2024/QH15 Điều 2',
      evidence: '[S] legal-rules.md §2.4, §2.6',
    },
    {
      validFrom: '2026-01-01',
      validTo: null,
      funds: ['pension', 'sickness', 'accident', 'health', 'unemployment'],
      source: 'Luật Việc làm 74/2025/QH15 Điều 31 khoản 1 (BHTN từ HĐLĐ đủ 1 tháng, từ 01/01/2026)',
      evidence: '[S] legal-rules.md §2.5',
    },
  ],
};
