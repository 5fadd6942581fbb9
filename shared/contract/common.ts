import { z } from 'zod';

/**
 * A file crossing the boundary as bytes (the renderer never sees paths in browser mode). Each face refuses a file over
 * its method's limit by its size, before reading it (`readInputFile`, `readFileBlob`, the host's body limits).
 */
export const fileBlob = z.object({
  name: z.string().min(1).max(255),
  base64: z.string(),
});
export type FileBlob = z.infer<typeof fileBlob>;

export const unitCode = z.string().regex(/^[A-Z0-9]{7}$/, 'Mã đơn vị gồm 7 chữ in hoa hoặc số');

export const empty = z.object({}).strict();

/** Progress event for long work: `done` of `total` units of `stage`. */
export interface ProgressEvent {
  method: string;
  stage: string;
  done: number;
  total: number;
}
