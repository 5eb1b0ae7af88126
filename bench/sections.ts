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

export const STATS_SECTION: BenchSection = {
  id: 'stats',
  title: 'Stats',
  intro:
    'Sampling many running containers at the default interval without falling behind or loading the CPU, next to what one ' +
    '`docker stats --no-stream` round costs, and the sql.js metrics history at a million samples.',
};

export const COMPOSE_SECTION: BenchSection = {
  id: 'compose',
  title: 'Compose',
  intro:
    'Deploying a compose project through the engine API against Debian\'s `docker-compose` 1.29 on the same file, both with the ' +
    'images already present, and redeploying it unchanged.',
};

export const COMPOSE_LOADER_SECTION: BenchSection = {
  id: 'composeLoader',
  title: 'Compose loader: large and hostile files',
  intro:
    'Loading large compose files (time, peak memory, growth with size) and how long a hostile file (alias bombs, self-referencing ' +
    'anchors, deep nesting, huge mappings) takes to come back as a diagnostic, checked in the worker thread the editor uses.',
};

export const LOGS_SECTION: BenchSection = {
  id: 'logs',
  title: 'Logs',
  intro:
    'A flood of log lines through Berth\'s log pipeline (everything up to the text a log channel appends) against the Docker CLI ' +
    'writing the same log to /dev/null, and the memory the pipeline needs while it does; then a real VS Code following a ' +
    'container that writes as fast as it can.',
};

export const ENGINES_SECTION: BenchSection = {
  id: 'engines',
  title: 'Engines: remote hosts and several engines',
  intro:
    'Requests to engines that are not on the local socket: an ssh:// engine through Berth\'s own SSH transport, next to the docker CLI ' +
    'and to what dockerode does by itself.',
};

export const REGISTRY_SECTION: BenchSection = {
  id: 'registry',
  title: 'Registries',
  intro:
    'Browsing a registry from the Registries view: listing a repository with 300 tags in the authenticated loopback registry and ' +
    'loading the details (digest, size, created, platforms) of the first screenful of them.',
};

export const FILES_SECTION: BenchSection = {
  id: 'files',
  title: 'Files in containers and volumes',
  intro:
    'Listing a big folder and opening a file in a running container, against what Container Tools runs (`docker exec <c> ls -la <dir>`) ' +
    'and against `docker cp`; and a folder whose subtree weighs a gigabyte, which the archive API alone would send whole.',
};

export const BUILD_SECTION: BenchSection = {
  id: 'build',
  title: 'Build: Dockerfile builds through the engine API',
  intro:
    'Building an image from a project whose `.dockerignore` excludes a large `node_modules`: Berth\'s streamed context (walk, ' +
    'ignore rules, tar) and the classic builder through `/build`, against `DOCKER_BUILDKIT=0 docker build` on the same folder, ' +
    'and the memory Berth needs while it sends the context.',
};
