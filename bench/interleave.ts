export interface Contender<T> {
  name: string;
  run(): Promise<T>;
}

export interface InterleavedRuns<T> {
  /** Timings per contender, in milliseconds, warm-ups left out. */
  timingsMs: Map<string, number[]>;
  /** What each measured run returned, per contender, in run order. */
  results: Map<string, T[]>;
  /** The order the contenders ran in, round by round, warm-ups included. */
  order: string[][];
}

/**
 * Round orders in which every contender runs first equally often and directly follows every other
 * contender equally often (a Williams design): n rounds for an even n, 2n for an odd n. A plain
 * rotation keeps the same neighbours, so whatever a heavy contender (the CLI, say) leaves the engine
 * busy with always lands on the same successor.
 */
export function balancedOrders(n: number): number[][] {
  if (n < 1) return [];
  const first: number[] = [];
  for (let i = 0, low = 0, high = n - 1; i < n; i++) first.push(i % 2 === 0 ? low++ : high--);
  // first is 0, n-1, 1, n-2, 2, …: its differences between neighbours are all distinct mod n, so its shifts balance.
  const rounds = Array.from({ length: n }, (_, r) => first.map((c) => (c + r) % n));
  return n % 2 === 0 ? rounds : [...rounds, ...rounds.map((round) => [...round].reverse())];
}

/**
 * Runs the contenders round by round, each once per round, so a slow spell on the machine hits all of
 * them alike, in balanced orders starting with the first measured round (warm-ups use the same orders
 * before it). Repetitions that are a multiple of balancedOrders(n).length balance exactly.
 */
export async function runInterleaved<T>(
  contenders: readonly Contender<T>[],
  options: { warmups: number; repetitions: number; clock?: () => number },
): Promise<InterleavedRuns<T>> {
  const clock = options.clock ?? ((): number => performance.now());
  const orders = balancedOrders(contenders.length);
  const timingsMs = new Map(contenders.map((c) => [c.name, [] as number[]]));
  const results = new Map(contenders.map((c) => [c.name, [] as T[]]));
  const order: string[][] = [];
  for (let round = -options.warmups; round < options.repetitions; round++) {
    const measured = round >= 0;
    const roundOrder = orders[((round % orders.length) + orders.length) % orders.length].map((i) => contenders[i]);
    for (const contender of roundOrder) {
      const started = clock();
      const result = await contender.run();
      const elapsed = clock() - started;
      if (measured) {
        timingsMs.get(contender.name)?.push(elapsed);
        results.get(contender.name)?.push(result);
      }
    }
    order.push(roundOrder.map((c) => c.name));
  }
  return { timingsMs, results, order };
}
