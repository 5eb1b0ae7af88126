import type { BenchSection } from './benchmark';

// One section per issue: a later issue adds its section here and registers its benchmarks in bench/registry.ts.

export const FOUNDATION_SECTION: BenchSection = {
  id: 'foundation',
  title: 'Foundation: engine connection and listings',
  intro:
    'Listing speed against the engine itself and against the Docker CLI (what the most used Docker extension runs to fill its ' +
    'containers view), and the requests an idle Berth makes while it keeps the event stream open.',
};

export const VIEWS_SECTION: BenchSection = {
  id: 'views',
  title: 'Views and commands: the Containers view in a real VS Code',
  intro:
    'How fast the Containers view follows a change made outside Berth, and what building a large grouped tree costs, ' +
    'measured inside a real VS Code extension host.',
};
