import { loadComposeProject, LoadedCompose } from '../../../src/compose/composeLoad';

const FILE = '/p/stack/compose.yaml';

/** Loads a project "stack" from YAML in /p/stack, with extra files beside it and the given environment. */
export function load(yaml: string, extra: Record<string, string> = {}, env: Record<string, string> = {}): LoadedCompose {
  const files: Record<string, string> = { [FILE]: yaml, ...extra };
  return loadComposeProject({ files: [FILE], env, projectName: 'stack', homeDir: '/home/tester', readFile: (f) => files[f] });
}

export function errorsOf(loaded: LoadedCompose): string[] {
  return loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
}
