// `npm run schemas`: writes resources/schemas/*.schema.json from the zod schemas (shared/published-schemas.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedSchemas, publishedSchemaText } from '../shared/published-schemas';

for (const name of Object.keys(publishedSchemas)) {
  writeFileSync(join('resources', 'schemas', name), publishedSchemaText(name));
  console.log(`resources/schemas/${name}`);
}
