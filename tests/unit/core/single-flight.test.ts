import { describe, expect, it } from 'vitest';
import { singleFlight } from '../../../electron/core/single-flight';

/** Starts a run that ends when `release` is called, counting how many runs started. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  const state = { runs: 0 };
  const run = async () => {
    state.runs++;
    await done;
    return state.runs;
  };
  return { run, release, state };
}

describe('singleFlight: one run per identical request at a time', () => {
  it('an identical request while the first runs joins it, long file contents included', async () => {
    const big = 'QUJD'.repeat(100_000);
    const g = gate();
    const a = singleFlight('/data', 'roster.importCommit', { unitCode: 'TS1', file: { base64: big } }, g.run);
    const b = singleFlight('/data', 'roster.importCommit', { unitCode: 'TS1', file: { base64: big } }, g.run);
    g.release();
    expect(await Promise.all([a, b])).toEqual([1, 1]);
    expect(g.state.runs).toBe(1);
  });

  it('requests that differ only inside a long string, in the data folder or in the method run apart', async () => {
    const big = 'QUJD'.repeat(100_000);
    const other = big.slice(0, -1) + 'E';
    const g = gate();
    const runs = [
      singleFlight('/data', 'm', { file: big }, g.run),
      singleFlight('/data', 'm', { file: other }, g.run),
      singleFlight('/data2', 'm', { file: big }, g.run),
      singleFlight('/data', 'n', { file: big }, g.run),
      // The same long string moved to another field is another request.
      singleFlight('/data', 'm', { other: big }, g.run),
    ];
    g.release();
    await Promise.all(runs);
    expect(g.state.runs).toBe(5);
  });

  it('after a run ends, the same request runs again', async () => {
    const g = gate();
    g.release();
    await singleFlight('/data', 'm', { x: 1 }, g.run);
    await singleFlight('/data', 'm', { x: 1 }, g.run);
    expect(g.state.runs).toBe(2);
  });
});
