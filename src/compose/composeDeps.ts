/** Service name -> names of the services it depends on. Names not in the graph are ignored. */
export type DependencyGraph = Record<string, readonly string[]>;

/**
 * Groups services into levels: a service's dependencies all sit in earlier levels, so the services of
 * one level can be handled in parallel. Order within a level follows the graph's key order. Services
 * on a cycle cannot be placed; they are returned in `unplaced`.
 */
export function dependencyLevels(graph: DependencyGraph): { levels: string[][]; unplaced: string[] } {
  const names = Object.keys(graph);
  const placed = new Set<string>();
  const levels: string[][] = [];
  for (;;) {
    const level = names.filter((name) => !placed.has(name) && graph[name].every((dep) => placed.has(dep) || !(dep in graph)));
    if (level.length === 0) break;
    level.forEach((name) => placed.add(name));
    levels.push(level);
  }
  return { levels, unplaced: names.filter((name) => !placed.has(name)) };
}

/** Dependency cycles as paths that end where they start, e.g. `['a', 'b', 'a']`; each cycle once. */
export function findCycles(graph: DependencyGraph): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'active');
    stack.push(name);
    for (const dep of graph[name] ?? []) {
      if (!(dep in graph)) continue;
      if (state.get(dep) === 'active') {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep];
        const key = canonical(cycle);
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(dep)) {
        visit(dep);
      }
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of Object.keys(graph)) if (!state.has(name)) visit(name);
  return cycles;
}

/** The services `roots` need, transitively, roots included, in graph order. */
export function withDependencies(graph: DependencyGraph, roots: readonly string[]): string[] {
  const wanted = new Set<string>();
  const add = (name: string): void => {
    if (wanted.has(name) || !(name in graph)) return;
    wanted.add(name);
    for (const dep of graph[name]) add(dep);
  };
  roots.forEach(add);
  return Object.keys(graph).filter((name) => wanted.has(name));
}

// The same cycle found from another starting point is the same rotation of its nodes.
function canonical(cycle: string[]): string {
  const nodes = cycle.slice(0, -1);
  let best = 0;
  for (let i = 1; i < nodes.length; i++) if (nodes[i] < nodes[best]) best = i;
  return [...nodes.slice(best), ...nodes.slice(0, best)].join('\u0000');
}
