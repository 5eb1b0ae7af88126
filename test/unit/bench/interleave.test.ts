import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { balancedOrders, runInterleaved } from '../../../bench/interleave';

/** How often each contender runs first, and how often each ordered pair are direct neighbours. */
function tally(rounds: readonly (readonly (string | number)[])[]): { firsts: Map<string, number>; pairs: Map<string, number> } {
  const firsts = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const round of rounds) {
    firsts.set(String(round[0]), (firsts.get(String(round[0])) ?? 0) + 1);
    for (let i = 1; i < round.length; i++) {
      const pair = `${round[i - 1]}>${round[i]}`;
      pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
    }
  }
  return { firsts, pairs };
}

describe('balancedOrders', () => {
  for (const n of [2, 3, 4, 5, 6]) {
    it(`lets each of ${n} contenders go first equally often and follow every other one equally often`, () => {
      const orders = balancedOrders(n);
      assert.equal(orders.length, n % 2 === 0 ? n : 2 * n);
      for (const round of orders) assert.deepEqual([...round].sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
      const { firsts, pairs } = tally(orders);
      assert.equal(firsts.size, n);
      assert.equal(new Set(firsts.values()).size, 1);
      assert.equal(pairs.size, n * (n - 1));
      assert.equal(new Set(pairs.values()).size, 1);
    });
  }
});

describe('runInterleaved', () => {
  // A fake clock that advances by a fixed step per contender makes the recorded timings checkable.
  function fakeRun(names: string[]): { contenders: { name: string; run: () => Promise<string> }[]; clock: () => number } {
    let now = 0;
    let advance = 0;
    return {
      contenders: names.map((name, i) => ({
        name,
        run: async () => {
          advance = i + 1;
          return name;
        },
      })),
      clock: () => {
        now += advance;
        advance = 0;
        return now;
      },
    };
  }

  it('runs every contender once a round and keeps warm-ups out of the figures', async () => {
    const { contenders, clock } = fakeRun(['a', 'b', 'c']);
    const runs = await runInterleaved(contenders, { warmups: 2, repetitions: 6, clock });
    assert.equal(runs.order.length, 8);
    for (const round of runs.order) assert.deepEqual([...round].sort(), ['a', 'b', 'c']);
    assert.deepEqual(runs.timingsMs.get('a'), [1, 1, 1, 1, 1, 1]);
    assert.deepEqual(runs.timingsMs.get('c'), [3, 3, 3, 3, 3, 3]);
    assert.deepEqual(runs.results.get('b'), ['b', 'b', 'b', 'b', 'b', 'b']);
  });

  it('balances the measured rounds whatever the number of warm-ups', async () => {
    const { contenders, clock } = fakeRun(['berth', 'cli', 'raw', 'rawSize']);
    const runs = await runInterleaved(contenders, { warmups: 3, repetitions: 8, clock });
    const { firsts, pairs } = tally(runs.order.slice(3));
    assert.deepEqual([...new Set(firsts.values())], [2]);
    assert.equal(pairs.size, 12);
    assert.deepEqual([...new Set(pairs.values())], [2]);
  });

  it('stops at the first failing contender', async () => {
    await assert.rejects(
      runInterleaved(
        [
          { name: 'ok', run: async () => 1 },
          { name: 'broken', run: async () => Promise.reject(new Error('engine gone')) },
        ],
        { warmups: 0, repetitions: 3 },
      ),
      /engine gone/,
    );
  });
});
