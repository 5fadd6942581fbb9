import { describe, expect, it } from 'vitest';
import { contract, domainMaps, methodNames } from '../../shared/contract';
import { ZodType } from 'zod';
import { allHandlers, handlerFor } from '../../electron/core/registry';
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
    expect(Object.keys(handlers).filter((k) => typeof handlers[k] === 'function').sort()).toEqual([...methodNames].sort());
    // …and each in the capability whose contract map declares it (that is where the dispatcher looks).
    for (const name of methodNames) expect(typeof (await handlerFor(name)), name).toBe('function');
  });

  it('CLI command paths are unique', () => {
    const paths = commands.map((c) => c.path.join(' '));
    expect(new Set(paths).size).toBe(paths.length);
  });
});
