import { z } from 'zod';
import { defineMethods } from './define';
import { fileBlob } from './common';

export const doctorReport = z.object({
  appVersion: z.string(),
  face: z.enum(['desktop', 'browser', 'cli']),
  dataDir: z.string(),
  databaseFile: z.string(),
  /** Chế độ tập huấn's own database (`<data>/training/kekhai.db`), whether or not training is on now. */
  trainingDatabaseFile: z.string(),
  /** True while training mode is on (calls go to the training database). */
  training: z.boolean(),
  /** Where each process writes its rotating log (`main.log`, `services.log`, `host.log`); what support asks for. */
  logDir: z.string(),
  schemaVersion: z.number().int(),
  latestSchemaVersion: z.number().int(),
  pkcs11Libraries: z.array(z.object({ name: z.string(), path: z.string(), found: z.boolean() })),
  ivanProvider: z
    .array(z.object({ unitCode: z.string(), provider: z.string().nullable(), endpoint: z.string().nullable() }))
    .default([]),
  versions: z.object({ node: z.string(), electron: z.string().nullable(), sqlite: z.string() }),
  testMode: z.boolean(),
});
export type DoctorReport = z.infer<typeof doctorReport>;

export const systemMethods = defineMethods({
  'system.info': {
    summary: 'Thông tin ứng dụng và thư mục dữ liệu / App info and data folder',
    input: z.object({}).strict(),
    output: z.object({
      appVersion: z.string(),
      face: z.enum(['desktop', 'browser', 'cli']),
      dataDir: z.string(),
      testMode: z.boolean(),
      now: z.string(),
    }),
  },
  'system.doctor': {
    summary: 'Kiểm tra cài đặt / Installation check',
    input: z.object({}).strict(),
    output: doctorReport,
  },
  'system.supportBundle': {
    summary:
      'Xuất gói hỗ trợ: nhật ký, kết quả kiểm tra cài đặt, phiên bản (không có cơ sở dữ liệu, không có mật khẩu) / Support bundle: logs, doctor output, versions (no database, no secrets)',
    input: z.object({}).strict(),
    output: z.object({ file: fileBlob, entries: z.array(z.string()) }),
  },
});
