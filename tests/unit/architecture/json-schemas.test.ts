import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedSchemas, publishedSchemaText } from '../../../shared/published-schemas';

/** resources/schemas/*.schema.json are generated from zod (`npm run schemas`); a hand edit or a zod change without regeneration fails here. */
describe('published JSON Schemas', () => {
  it.each(Object.keys(publishedSchemas))('%s equals what zod generates', (name) => {
    expect(readFileSync(join('resources', 'schemas', name), 'utf8')).toBe(publishedSchemaText(name));
  });
});
