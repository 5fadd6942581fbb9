import { describe, expect, it } from 'vitest';
import { contract, domainMaps, methodNames } from '../../shared/contract';
import { handlers } from '../../electron/core/registry';
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
      expect(typeof contract[name].input.safeParse).toBe('function');
      expect(typeof contract[name].output.safeParse).toBe('function');
    }
  });

  it('every method has exactly one implementation, and nothing is implemented outside the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...methodNames].sort());
  });

  it('CLI command paths are unique', () => {
    const paths = commands.map((c) => c.path.join(' '));
    expect(new Set(paths).size).toBe(paths.length);
  });
});
