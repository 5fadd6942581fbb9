import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/app-error';
import type { IvanProviderFile } from '../../shared/ivan/providers';

/** resources/ivan-providers.json (validated against its JSON Schema by tests/unit/ivan/providers.test.ts). */
export function loadProviders(resourcesDir: string): IvanProviderFile {
  try {
    const raw = JSON.parse(readFileSync(join(resourcesDir, 'ivan-providers.json'), 'utf8')) as IvanProviderFile & { $schema?: string };
    return { version: raw.version, source: raw.source, providers: raw.providers };
  } catch (e) {
    throw new AppError('IO', `Không đọc được danh sách nhà cung cấp I-VAN: ${(e as Error).message}`, { en: `Cannot read the I-VAN provider list: ${(e as Error).message}` });
  }
}
