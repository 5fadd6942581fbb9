import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/app-error';
import { ivanProviderFileSchema, type IvanProviderFile } from '../../shared/ivan/providers';

/** resources/ivan-providers.json, checked with its zod schema as it is read (a hand-edited file names its bad field). */
export function loadProviders(resourcesDir: string): IvanProviderFile {
  try {
    const raw = ivanProviderFileSchema.parse(
      JSON.parse(readFileSync(join(resourcesDir, 'ivan-providers.json'), 'utf8')),
    );
    return { version: raw.version, source: raw.source, providers: raw.providers };
  } catch (e) {
    throw new AppError('IO', `Không đọc được danh sách nhà cung cấp I-VAN: ${(e as Error).message}`, {
      en: `Cannot read the I-VAN provider list: ${(e as Error).message}`,
    });
  }
}
