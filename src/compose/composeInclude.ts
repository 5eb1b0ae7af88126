import * as path from 'node:path';
import { ComposeFileSet, entryAt } from './composeFileSet';
import { asString, asStringList, isPlainMap, PlainMap } from './composeModelValues';
import { ParsedComposeFile } from './composeParse';
import { rebaseService } from './composeRebase';

/** What an `include` entry asks for, paths made absolute. */
export interface IncludeRequest {
  files: string[];
  projectDir: string;
  envFiles: string[];
}

/** Loads an included project (its own includes and extends applied) as plain data, or undefined. */
export type LoadIncluded = (request: IncludeRequest, chain: string[]) => PlainMap | undefined;

const RESOURCES = ['services', 'networks', 'volumes', 'configs', 'secrets'];

/**
 * Top-level `include`: each entry's files are loaded as a project of their own (paths relative to
 * its project_directory, variables from its own .env) and its resources added to this document.
 * A resource defined on both sides and include cycles are errors, reported at the entry.
 */
export function applyIncludes(data: PlainMap, parsed: ParsedComposeFile, set: ComposeFileSet, chain: string[], load: LoadIncluded): PlainMap {
  if (data.include === undefined || parsed.file === undefined) return data;
  const { include, ...rest } = data;
  const result: PlainMap = { ...rest };
  const dir = path.dirname(parsed.file);
  const entries = Array.isArray(include) ? include : [include];
  entries.forEach((entry, i) => {
    const where = entryAt(parsed, ['include']);
    const report = (code: string, message: string): void => set.report(parsed, where, code, message, parsed.file);
    const request = includeRequest(entry, dir);
    if (!request) return report('invalid-include', `include[${i}] must be a path or a mapping with "path".`);
    const cycle = request.files.find((file) => chain.includes(file) || file === parsed.file);
    if (cycle) return report('include-cycle', `include[${i}] includes ${cycle}, which includes this file again.`);
    const included = load(request, [...chain, parsed.file as string]);
    if (!included) return report('missing-file', `Included file not found: ${request.files.join(', ')}.`);
    for (const kind of RESOURCES) {
      const theirs = included[kind];
      if (!isPlainMap(theirs)) continue;
      const ours: PlainMap = isPlainMap(result[kind]) ? { ...result[kind] } : {};
      for (const [name, value] of Object.entries(theirs)) {
        if (name in ours) {
          report('include-conflict', `${kind}.${name} is defined both in this file and in included ${request.files[0]}.`);
          continue;
        }
        ours[name] = kind === 'services' && isPlainMap(value) ? rebaseService(value, request.projectDir) : value;
      }
      result[kind] = ours;
    }
  });
  return result;
}

function includeRequest(entry: unknown, dir: string): IncludeRequest | undefined {
  const spec = typeof entry === 'string' ? { path: entry } : isPlainMap(entry) ? entry : undefined;
  if (!spec) return undefined;
  const files = asStringList(spec.path).map((file) => path.resolve(dir, file));
  if (files.length === 0) return undefined;
  const projectDirText = asString(spec.project_directory);
  const projectDir = projectDirText !== undefined ? path.resolve(dir, projectDirText) : path.dirname(files[0]);
  const envFiles = spec.env_file === undefined ? [path.join(projectDir, '.env')] : asStringList(spec.env_file).map((file) => path.resolve(dir, file));
  return { files, projectDir, envFiles };
}
