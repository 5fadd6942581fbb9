import { z } from 'zod';
import { defineMethods } from './define';
import { fileBlob } from './common';
import { parseInstantVN } from '../format';

/**
 * The clerk's desk: settings, training mode, backup and restore, the audit log, and the first-run (welcome) flow.
 */

/** Key of the test-mode clock read by electron/core/runtime.ts (TEST_CLOCK_SETTING). */
export const TEST_CLOCK_KEY = 'testMode.clock';
export const TRAINING_KEY = 'training.enabled';

/** Without a zone, Vietnam time (parseInstantVN): never the zone of the PC that stored or reads it. */
const isoInstant = z
  .string()
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && parseInstantVN(s) !== null,
    'Thời điểm phải có dạng ISO 8601, ví dụ 2015-10-30T10:00:00+07:00',
  );

/** Every setting the app keeps in the `settings` table (the value types; defaults below). */
const settingTypes = {
  /** A fixed clock for training and tests (shows both sides of a legal deadline); null = the real clock. */
  [TEST_CLOCK_KEY]: isoInstant.nullable(),
  /** Chế độ tập huấn: demo unit and the local I-VAN server; marked in the title bar. */
  [TRAINING_KEY]: z.boolean(),
  /** One automatic copy of the database per day, taken when the app starts. */
  'backup.auto': z.boolean(),
  /** How many automatic copies to keep (older ones are deleted). */
  'backup.keep': z.number().int().min(1).max(365),
  // No update address here: a setting can be written by a restored backup or the page, and an update is code that
  // runs on the PC. The feed comes only from the installer or an administrator policy (electron/shell/updater.ts).
  'updates.auto': z.boolean(),
  /** Ask for confirmation before a dossier is sent to I-VAN. */
  'ui.confirmSubmit': z.boolean(),
};

export const SETTING_DEFAULTS = {
  [TEST_CLOCK_KEY]: null,
  [TRAINING_KEY]: false,
  'backup.auto': true,
  'backup.keep': 14,
  'updates.auto': true,
  'ui.confirmSubmit': true,
} as const;

export const appSettings = z.object(settingTypes);
/** A change: only the keys given (no defaults filled in, so an absent key is never overwritten). */
export const settingsPatch = z.object(settingTypes).partial().strict();
export type AppSettings = z.output<typeof appSettings>;
export type SettingKey = keyof AppSettings;

export const BACKUP_KINDS = ['auto', 'manual', 'pre-restore', 'pre-migration'] as const;
export const backupInfo = z.object({
  /** File name inside <dataDir>/backups (the only way to name a backup across the boundary). */
  name: z.string(),
  kind: z.enum(BACKUP_KINDS),
  createdAt: z.string(),
  sizeBytes: z.number().int(),
  /** `PRAGMA user_version` of the copy, null when unreadable. */
  schemaVersion: z.number().int().nullable(),
});
export type BackupInfo = z.infer<typeof backupInfo>;

export const auditEntry = z.object({
  /** `a<id>` for the audit log, `d<id>` for a dossier transition. */
  id: z.string(),
  at: z.string(),
  /** The OS user name (the Windows account on office PCs). */
  actor: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  /** What changed, as recorded (JSON text or a sentence). */
  detail: z.string().nullable(),
  source: z.enum(['audit', 'dossier']),
});
export type AuditEntry = z.infer<typeof auditEntry>;

const auditFilter = z.object({
  subjectType: z.string().max(50).optional(),
  subjectId: z.string().max(100).optional(),
  /** Inclusive lower and exclusive upper bound, ISO instants. */
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  search: z.string().max(100).optional(),
});

export const WELCOME_STEPS = ['unit', 'provider', 'token', 'registration'] as const;
export const welcomeStep = z.enum(WELCOME_STEPS);
export type WelcomeStep = z.infer<typeof welcomeStep>;

export const welcomeStatus = z.object({
  /** True while no unit exists and the clerk has not dismissed the flow. */
  needed: z.boolean(),
  unitCount: z.number().int(),
  steps: z.array(z.object({ step: welcomeStep, doneAt: z.string().nullable(), detail: z.string().nullable() })),
});
export type WelcomeStatus = z.infer<typeof welcomeStatus>;

export const trainingState = z.object({
  enabled: z.boolean(),
  /** The demo unit created for training, when there is one. */
  demoUnitCode: z.string().nullable(),
  /** The local I-VAN server this process runs for training, when running. */
  ivanEndpoint: z.string().nullable(),
});
export type TrainingState = z.infer<typeof trainingState>;

export const deskMethods = defineMethods({
  'settings.get': {
    summary: 'Xem cài đặt / Show settings',
    input: z.object({}).strict(),
    output: appSettings,
  },
  'settings.set': {
    summary: 'Đổi cài đặt (ghi nhật ký) / Change settings (audited)',
    input: z.object({ patch: settingsPatch }),
    output: appSettings,
  },
  'training.set': {
    summary:
      'Bật/tắt chế độ tập huấn (đơn vị mẫu, máy chủ I-VAN cục bộ) / Training mode on/off (demo unit, local I-VAN server)',
    input: z.object({ enabled: z.boolean(), demoData: z.boolean().default(true) }),
    output: trainingState,
  },
  'training.status': {
    summary: 'Trạng thái chế độ tập huấn / Training mode state',
    input: z.object({}).strict(),
    output: trainingState,
  },
  'backup.now': {
    summary: 'Sao lưu cơ sở dữ liệu ngay / Back up the database now',
    input: z.object({
      /** Also return the copy's bytes (browser mode saves it as a download; the CLI writes it to --out). */
      download: z.boolean().default(false),
    }),
    output: z.object({ backup: backupInfo, file: fileBlob.nullable() }),
    progress: true,
  },
  'backup.auto': {
    summary: 'Sao lưu tự động hằng ngày (nếu hôm nay chưa có) và xoay vòng / Daily automatic backup with rotation',
    input: z.object({}).strict(),
    output: z.object({ made: backupInfo.nullable(), removed: z.array(z.string()) }),
  },
  'backup.list': {
    summary: 'Danh sách bản sao lưu / List backups',
    input: z.object({}).strict(),
    output: z.object({ dir: z.string(), items: z.array(backupInfo) }),
  },
  'backup.download': {
    summary: 'Tải một bản sao lưu / Download a backup',
    input: z.object({ name: z.string().min(1).max(200) }),
    output: fileBlob,
  },
  'backup.restore': {
    summary:
      'Khôi phục từ bản sao lưu (kiểm tra toàn vẹn và phiên bản trước) / Restore from a backup (integrity and version checked first)',
    input: z
      .object({ file: fileBlob.optional(), name: z.string().min(1).max(200).optional() })
      .refine(
        (v) => (v.file === undefined) !== (v.name === undefined),
        'Chọn đúng một nguồn: tệp tải lên hoặc tên bản sao lưu',
      ),
    output: z.object({
      restoredFrom: z.string(),
      /** Schema version of the restored file before it was brought up to date. */
      fromSchemaVersion: z.number().int(),
      schemaVersion: z.number().int(),
      /** The copy of the database as it was just before the restore. */
      safetyCopy: backupInfo,
      /**
       * Settings the backup held that load code or send data elsewhere (PKCS#11 libraries, update address, I-VAN
       * endpoints, queued dossiers' addresses): not restored; the clerk enters them again if they are right.
       */
      reconfirm: z.array(
        z.object({
          key: z.string(),
          unitCode: z.string().nullable(),
          value: z.string(),
          message: z.string(),
          messageEn: z.string(),
        }),
      ),
    }),
    progress: true,
  },
  'audit.list': {
    summary: 'Nhật ký thay đổi (ai, lúc nào, thay đổi gì) / Audit log (who, when, what changed)',
    input: auditFilter.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    output: z.object({ total: z.number().int(), items: z.array(auditEntry) }),
  },
  'audit.export': {
    summary: 'Xuất nhật ký ra CSV hoặc JSON / Export the audit log as CSV or JSON',
    input: auditFilter.extend({ format: z.enum(['csv', 'json']).default('csv') }),
    output: z.object({ file: fileBlob, count: z.number().int() }),
  },
  'welcome.status': {
    summary: 'Trạng thái các bước làm quen lần đầu / First-run steps',
    input: z.object({}).strict(),
    output: welcomeStatus,
  },
  'welcome.mark': {
    summary: 'Đánh dấu một bước làm quen đã xong / Mark a first-run step done',
    input: z.object({ step: welcomeStep, detail: z.string().max(500).optional() }),
    output: welcomeStatus,
  },
  'welcome.dismiss': {
    summary: 'Bỏ qua màn hình làm quen / Dismiss the first-run flow',
    input: z.object({}).strict(),
    output: welcomeStatus,
  },
});
