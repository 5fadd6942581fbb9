import { describe, expect, it } from 'vitest';
import { contract, domainMaps, methodNames } from '../../shared/contract';
import { ZodType } from 'zod';
import { allHandlers, handlerFor } from '../../electron/core/registry';
import { dispatch } from '../../electron/core/dispatch';
import type { ServiceContext } from '../../electron/core/context';
import { commands } from '../../electron/cli/commands';

describe('the API contract', () => {
  it('has no method declared twice across domains', () => {
    const seen = new Map<string, string>();
    for (const [domain, map] of Object.entries(domainMaps)) {
      for (const name of Object.keys(map)) {
        expect(seen.has(name), `${name} declared in ${seen.get(name)} and ${domain}`).toBe(false);
        seen.set(name, domain);
      }
    }
  });

  it('every method is named domain.verb, has a summary and schemas', () => {
    for (const name of methodNames) {
      expect(name).toMatch(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/);
      expect(contract[name].summary.length).toBeGreaterThan(5);
      expect(contract[name].input, `${name} input`).toBeInstanceOf(ZodType);
      expect(contract[name].output, `${name} output`).toBeInstanceOf(ZodType);
    }
  });

  it('every method has exactly one implementation, and nothing is implemented outside the contract', async () => {
    const handlers = await allHandlers();
    expect(
      Object.keys(handlers)
        .filter((k) => typeof handlers[k] === 'function')
        .sort(),
    ).toEqual([...methodNames].sort());
    // …and each in the capability whose contract map declares it (that is where the dispatcher looks).
    for (const name of methodNames) expect(typeof (await handlerFor(name)), name).toBe('function');
  });

  it('the dispatcher validates input once: Vietnamese in message, English in messageEn, naming the field', async () => {
    const r = await dispatch('unit.add', { code: 'x', name: 42 }, {} as ServiceContext);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    const problems = (r.error.details as { problems: { field?: string; message: string; messageEn: string }[] })
      .problems;
    const name = problems.find((p) => p.field === 'name')!;
    expect(name.message).toMatch(
      /^Trường "name": Đầu vào không hợp lệ: mong đợi (string|chuỗi), nhận được (number|số)/,
    );
    expect(name.messageEn).toMatch(/^Field "name": Invalid input: expected string, received number/);
    const code = problems.find((p) => p.field === 'code')!;
    expect(code.message).toMatch(/^Trường "code": .*[^\x00-\x7f]/); // the schema's own Vietnamese text
    expect(code.messageEn).toMatch(/^Field "code": [\x00-\x7f]+$/); // English, no Vietnamese inside messageEn
  });

  it('CLI command paths are unique', () => {
    const paths = commands.map((c) => c.path.join(' '));
    expect(new Set(paths).size).toBe(paths.length);
  });
});
