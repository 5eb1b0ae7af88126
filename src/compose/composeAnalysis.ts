import { isMap } from 'yaml';
import { ComposeAnalysis, ComposeAnalysisRequest } from './composeAnalysisTypes';
import { loadComposeProject, readTextFile } from './composeLoad';
import { ParsedComposeFile } from './composeParse';
import { mapEntries } from './composeYaml';

/** The analysis itself, synchronous: run by the worker, and directly by tests and scripts. */
export function analyzeCompose(request: ComposeAnalysisRequest): ComposeAnalysis {
  const readFile = (file: string): string | undefined => (file in request.buffers ? request.buffers[file] : readTextFile(file));
  const loaded = loadComposeProject({ ...request.options, readFile });
  const serviceOffsets: Record<string, [string, number][]> = {};
  for (const parsed of loaded.files) {
    if (parsed.file === undefined) continue;
    serviceOffsets[parsed.file] = [...(serviceOffsets[parsed.file] ?? []), ...serviceKeys(parsed)];
  }
  return { project: loaded.project, diagnostics: loaded.diagnostics, serviceOffsets };
}

function serviceKeys(parsed: ParsedComposeFile): [string, number][] {
  const root = parsed.doc.contents;
  if (!parsed.sound || !isMap(root)) return [];
  const services = mapEntries(root, parsed.doc).find((entry) => entry.key === 'services' && !entry.merged);
  if (!services || !isMap(services.value)) return [];
  return mapEntries(services.value, parsed.doc)
    .filter((entry) => !entry.merged && entry.keyNode.range)
    .map((entry) => [entry.key, (entry.keyNode.range as [number, number, number])[0]]);
}
