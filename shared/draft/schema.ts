import { z } from 'zod';
import { cleanText } from './text';

/**
 * `kekhai-draft/1`: the draft interchange format (docs/draft-format.md, resources/schemas/kekhai-draft-1.schema.json).
 * This schema checks the shape only (types, required keys); the rules — formats, codes, dates, wage floors and caps —
 * are checked by `validateDraft` so every problem is reported at once with its row and field, in Vietnamese.
 * Optional fields get defaults, so a draft written by a payroll system with the minimal shape is accepted as is.
 */

export const DRAFT_FORMAT = 'kekhai-draft/1';

const str = z.string().default('');
/** Free text: NFC and XML-safe once, at parse time (./text.ts). */
const text = z.string().transform(cleanText);
const textOpt = text.default('');
const num = z.number().finite().default(0);

export const allowancesSchema = z.object({
  /** PhuCapCV: phụ cấp chức vụ (amount, or coefficient when the salary is a coefficient). */
  position: num,
  /** PhuCapTNVK: thâm niên vượt khung, percent. */
  seniorityExcessPct: num,
  /** PhuCapTNNghe: thâm niên nghề, percent. */
  seniorityJobPct: num,
  /** PhuCapLuong: phụ cấp lương. */
  salary: num,
  /** PhuCapBosung: các khoản bổ sung. */
  other: num,
});

export const contractSchema = z.object({
  number: textOpt,
  signedOn: str,
  /** `indefinite` (không xác định thời hạn), `fixed` (xác định thời hạn), `other` (mùa vụ, dưới 12 tháng, …). */
  type: z.enum(['indefinite', 'fixed', 'other', '']).default(''),
  from: str,
  to: str,
});

export const placeSchema = z.object({ province: str, district: str, ward: str, address: textOpt });

export const documentSchema = z.object({
  /** TenLoaiVanBan, e.g. "Hợp đồng lao động". */
  type: textOpt,
  number: textOpt,
  issuedOn: str,
  effectiveOn: str,
  issuer: textOpt,
  summary: textOpt,
  /** NoiDungThamDinh: what the BHXH agency should check. */
  review: textOpt,
});

export const jobPositionSchema = z.object({
  /** Vị trí việc làm: nhà quản lý, CMKT bậc cao, CMKT bậc trung, khác (D02-TS Vtvl_* columns). */
  kind: z.enum(['manager', 'highSkill', 'midSkill', 'other']),
  from: str,
  to: str,
});

export const rowSchema = z.object({
  /** Phương án code (TM, GH, …). */
  plan: z.string(),
  fullName: text,
  /** Mã số BHXH, 10 digits; empty for a first-time participant (then a TK1-TS entry is produced). */
  insuranceNo: str,
  /** dd/mm/yyyy, mm/yyyy or yyyy (the forms accept all three; shared/identity/birth-date.ts). */
  birthDate: str,
  gender: z.enum(['M', 'F']),
  /** CCCD (12 digits) or CMND (9 digits). */
  idNumber: str,
  nationality: z.string().default('VN'),
  ethnicity: z.string().default('01'),
  position: textOpt,
  workplace: textOpt,
  /** Amount in đồng, or a coefficient (hệ số) when ≤ 100 — state pay scale. */
  salary: z.number().finite(),
  /**
   * The insured salary (TienLuong, same unit as `salary`) before this row — a DC row's amount is the change from it,
   * never the whole new salary (bhxh-domain.md addendum 2 item 4). Not written to D02-TS; allowances are taken as
   * unchanged.
   */
  previousSalary: z.number().finite().nonnegative().optional(),
  allowances: allowancesSchema.prefault({}),
  fromMonth: z.string(),
  toMonth: str,
  /** Vùng lương tối thiểu 01–04; empty = the unit's. */
  wageRegion: str,
  contract: contractSchema.prefault({}),
  /** Ghichu; empty = composed from the contract ("HĐLĐ số … ngày …"). */
  note: textOpt,
  /** Worker with vocational training: insured salary ≥ regional minimum + 7 % while that rule applied. */
  trained: z.boolean().default(false),
  /** CoGiamChet / NgayChet: decrease because of death (GH), dd/mm/yyyy. */
  deathDate: str,
  /** MaPhongBan. */
  department: str,
  /** MavungSS: K1, K2, K3 or empty. */
  livingArea: str,
  /** MucHuong 1–5, empty = not stated. */
  benefitLevel: str,
  /** TinhLai: charge late-payment interest. */
  interest: z.boolean().default(false),
  /** DaCoSo: already holds a BHXH book; default = has a mã số BHXH. */
  hasBook: z.boolean().optional(),
  phone: str,
  email: str,
  /** Nơi đăng ký khai sinh (TK1-TS Matinh_KS …). */
  birthPlace: placeSchema.prefault({}),
  /** Nơi nhận hồ sơ / nơi ở (TK1-TS *_NN). */
  residence: placeSchema.prefault({}),
  householdCode: str,
  /** Nơi KCB ban đầu: province (2 digits) + hospital code. */
  hospital: z.object({ province: str, code: str }).prefault({}),
  /** Personal data changed (TK1-TS Noidung_Thaydoi); non-empty ⇒ a TK1-TS entry even when the person has a mã số. */
  personalChanges: textOpt,
  /** Supporting documents for D01-TS; a late or retroactive row gets one from its contract when empty. */
  documents: z.array(documentSchema).default([]),
  jobPositions: z.array(jobPositionSchema).default([]),
  /** Nghề nặng nhọc, độc hại (Nndh_tungay/denngay). */
  hazardous: z.object({ from: str, to: str }).prefault({}),
  /**
   * Wage-floor uplift of the work: `heavy` (nặng nhọc, độc hại, nguy hiểm, +5 %) or `especiallyHeavy` (đặc biệt …,
   * +7 %) while those rules applied; empty = `heavy` when `hazardous.from` is set, else none.
   */
  hazardLevel: z.enum(['', 'heavy', 'especiallyHeavy']).optional(),
});

export const unitSchema = z.object({
  /** Mã đơn vị, 7 characters. */
  code: z.string(),
  name: text,
  taxCode: str,
  /** Mã cơ quan BHXH quản lý, 5 digits. */
  agencyCode: str,
  phone: str,
  /** NguoiKy. */
  signer: textOpt,
  address: textOpt,
  wageRegion: z.string().default('01'),
  email: str,
});

export const draftSchema = z.object({
  format: z.literal(DRAFT_FORMAT),
  procedure: z.literal('600'),
  /** Kỳ kê khai MM/yyyy. */
  period: z.string(),
  /** Đợt 1, 2, … within the month. */
  batch: z.number().int().min(1).default(1),
  /** NgayLap dd/mm/yyyy. */
  createdOn: z.string(),
  /** MaIVAN, 5 digits. */
  ivan: str,
  unit: unitSchema,
  /** ThongTinKhac of D02-TS; empty = computed (cards for new participants). */
  sheet: z
    .object({
      coverSheets: z.number().int().min(0).optional(),
      looseSheets: z.number().int().min(0).optional(),
      healthCards: z.number().int().min(0).optional(),
    })
    .prefault({}),
  rows: z.array(rowSchema),
});

export type Draft = z.output<typeof draftSchema>;
export type DraftInput = z.input<typeof draftSchema>;
export type DraftRow = Draft['rows'][number];
export type DraftRowInput = z.input<typeof rowSchema>;
export type DraftDocument = z.output<typeof documentSchema>;
