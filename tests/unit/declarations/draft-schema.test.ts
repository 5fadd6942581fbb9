import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { draftSchema } from '../../../shared/draft/schema';
import { bigDraft } from './fixtures/make-draft';

const jsonSchema = JSON.parse(
  readFileSync(join(process.cwd(), 'resources', 'schemas', 'kekhai-draft-1.schema.json'), 'utf8'),
);
const issueDraft = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'draft-issue.json'), 'utf8'));

describe('kekhai-draft/1', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(jsonSchema);

  it('the issue’s example passes both the zod schema and the published JSON Schema', () => {
    expect(draftSchema.safeParse(issueDraft).success).toBe(true);
    expect(validate(issueDraft)).toBe(true);
  });

  it('both schemas accept generated drafts and reject a wrong format or gender', () => {
    const big = bigDraft(20);
    expect(validate(big)).toBe(true);
    expect(draftSchema.safeParse(big).success).toBe(true);
    const bad = { ...issueDraft, format: 'kekhai-draft/2', rows: [{ ...issueDraft.rows[0], gender: 'X' }] };
    expect(validate(bad)).toBe(false);
    expect(draftSchema.safeParse(bad).success).toBe(false);
  });

  it('fills documented defaults for the optional fields', () => {
    const d = draftSchema.parse({
      ...issueDraft,
      rows: [{ plan: 'TM', fullName: 'A', gender: 'M', salary: 1, fromMonth: '10/2015' }],
    });
    expect(d.rows[0]).toMatchObject({
      nationality: 'VN',
      ethnicity: '01',
      toMonth: '',
      allowances: { position: 0, other: 0 },
      contract: { number: '' },
      documents: [],
    });
    expect(d.batch).toBe(1);
  });
});
