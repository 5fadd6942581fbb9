import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { PATHS } from '../../../shared/ivan/profile';
import { providersInForce } from '../../../shared/ivan/providers';

const res = (p: string) => join(process.cwd(), 'resources', p);

describe('resources/ivan-providers.json', () => {
  const data = JSON.parse(readFileSync(res('ivan-providers.json'), 'utf8'));
  test('validates against its JSON Schema', () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(res('schemas/ivan-providers.schema.json'), 'utf8')));
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  });
  test('holds the six 2015 providers with their BHXH codes, unique codes, each with a note', () => {
    const six = Object.fromEntries(
      data.providers
        .filter((p: { contracted2015: boolean }) => p.contracted2015)
        .map((p: { code: string; shortName: string }) => [p.code, p.shortName]),
    );
    expect(six).toEqual({
      '00020': 'VNPT-Vinaphone',
      '00001': 'TS24',
      '00040': 'Thái Sơn',
      '00030': 'EFY Việt Nam',
      '00060': 'BKAV',
      '00050': 'Viettel',
    });
    const codes = data.providers.map((p: { code: string }) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(expect.arrayContaining(['00070', '00110', '00115']));
    expect(
      providersInForce(data.providers, '2015-10-31')
        .map((p) => p.code)
        .sort(),
    ).toEqual(['00001', '00020', '00030', '00040', '00050', '00060']);
  });
});

describe('resources/openapi/kekhai-ivan.yaml', () => {
  test('is OpenAPI 3 and describes exactly the paths the adapter and the server use', () => {
    const doc = parseYaml(readFileSync(res('openapi/kekhai-ivan.yaml'), 'utf8'));
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [PATHS.health, PATHS.dossiers, '/v1/dossiers/{transactionId}', PATHS.notifications, PATHS.registrations].sort(),
    );
    expect(
      doc.paths['/v1/dossiers'].post.parameters.find((p: { name: string }) => p.name === 'Idempotency-Key').required,
    ).toBe(true);
    expect(doc.components.schemas.Status.properties.receiptNo.pattern).toBe('^\\d{5}/\\d{4}/\\d{5}$');
  });
});
