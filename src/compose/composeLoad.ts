import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { ComposeDiagnostic, DiagnosticSink, TextIndex } from './composeDiagnostics';
import { parseDotenv } from './composeDotenv';
import { applyExtends } from './composeExtends';
import { ComposeFileSet, entryAt } from './composeFileSet';
import { applyIncludes, IncludeRequest } from './composeInclude';
import { COMPOSE_LIMITS } from './composeLimits';
import { mergeComposeDocuments } from './composeMerge';
import { buildComposeModel } from './composeModel';
import { ComposeProject } from './composeModelTypes';
import { isPlainMap, PlainMap } from './composeModelValues';
import { normalizeExternalNames } from './composeNormalize';
import { ParsedComposeFile } from './composeParse';
import { VariableLookup } from './composeTemplate';
import { validateComposeReferences } from './composeValidateRefs';

export interface LoadComposeOptions {
  /** Absolute paths, base file first, overrides after (see composeFiles for the default set). */
  files: string[];
  /** The process environment; wins over the `.env` file. Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** The `.env` file; defaults to `.env` in the first file's folder. */
  envFile?: string;
  projectName?: string;
  profiles?: string[];
  homeDir?: string;
  /** File access, replaceable so editors can pass unsaved buffers. Undefined means the file does not exist. */
  readFile?: (file: string) => string | undefined;
}

export interface LoadedCompose {
  project: ComposeProject;
  /** Every problem found, each with its file; the project should not be deployed while any is an error. */
  diagnostics: ComposeDiagnostic[];
  /** Documents of the project's own files and of included ones (not of files only extended from). */
  files: ParsedComposeFile[];
  /** The variables used for interpolation: `.env` values overlaid by the environment. */
  variables: Record<string, string>;
}

export function readTextFile(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Parse, interpolate, validate, resolve extends and include, merge and normalise a project's compose files. */
export function loadComposeProject(options: LoadComposeOptions): LoadedCompose {
  const readFile = options.readFile ?? readTextFile;
  const env = options.env ?? process.env;
  const workingDir = path.dirname(options.files[0]);
  const set = new ComposeFileSet(readFile, (file) => ({ baseDir: path.dirname(file), fileExists: (p) => readFile(p) !== undefined }));

  const variables = readVariables([options.envFile ?? path.join(workingDir, '.env')], env, readFile, set);
  const lookup: VariableLookup = (name) => variables[name];
  const projectFiles: ParsedComposeFile[] = [];

  const loadProject = (files: string[], projectLookup: VariableLookup, chain: string[], linked: boolean): PlainMap => {
    const documents: PlainMap[] = [];
    for (const file of files) {
      const loaded = set.load(file, projectLookup, linked);
      if (!loaded) {
        if (!linked) set.add([missingFile(file)]);
        continue;
      }
      projectFiles.push(...loaded.docs);
      for (const { parsed, data } of loaded.plain) {
        if (!isPlainMap(data)) continue;
        const included = applyIncludes(data, parsed, set, chain, (request, nextChain) => loadIncluded(request, nextChain));
        documents.push(applyExtends(included, parsed, set, projectLookup));
      }
    }
    return mergeComposeDocuments(documents);
  };
  const loadIncluded = (request: IncludeRequest, chain: string[]): PlainMap | undefined => {
    if (request.files.some((file) => readFile(file) === undefined)) return undefined;
    const own = readVariables(request.envFiles, env, readFile, undefined);
    return loadProject(request.files, (name) => own[name], chain, true);
  };

  const merged = normalizeExternalNames(loadProject(options.files, lookup, [], false));
  // A document with YAML errors parses into guesswork; checking references against it would bury the real error.
  if (projectFiles.every((parsed) => parsed.sound)) set.add(validateComposeReferences(projectFiles, { fileExists: (file) => readFile(file) !== undefined }));
  checkResolvedServices(merged, projectFiles, set);

  const project = buildComposeModel(merged, {
    workingDir,
    configFiles: options.files,
    projectName: options.projectName,
    lookup,
    homeDir: options.homeDir ?? homedir(),
    profiles: options.profiles,
    readFile,
  });
  return { project, diagnostics: capDiagnostics(sortDiagnostics(set.diagnostics, options.files)), files: projectFiles, variables };
}

/** `.env` values overlaid by the environment; the `.env` file's own problems are reported when `set` is given. */
function readVariables(envFiles: string[], env: Record<string, string | undefined>, readFile: (file: string) => string | undefined, set: ComposeFileSet | undefined): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const envFile of envFiles) {
    const envText = readFile(envFile);
    if (envText === undefined) continue;
    const dotenv = parseDotenv(envText, (name) => env[name] ?? variables[name]);
    Object.assign(variables, dotenv.values);
    if (!set) continue;
    const sink = new DiagnosticSink(new TextIndex(envText), envFile);
    for (const issue of dotenv.issues) sink.report(issue.severity, issue.code, issue.message, issue.start, issue.end);
    set.add(sink.diagnostics);
  }
  for (const [key, value] of Object.entries(env)) if (value !== undefined) variables[key] = value;
  return variables;
}

// Services that extend another get their image or build from it: checked once extends is resolved.
function checkResolvedServices(merged: PlainMap, files: ParsedComposeFile[], set: ComposeFileSet): void {
  if (!isPlainMap(merged.services)) return;
  for (const [name, service] of Object.entries(merged.services)) {
    if (!isPlainMap(service) || (service.image ?? null) !== null || (service.build ?? null) !== null) continue;
    const extending = files.filter((parsed) => extendsIn(parsed, name));
    if (extending.length === 0) continue;
    set.report(extending[0], undefined, 'missing-image', `Service "${name}" has neither an "image" nor a "build", also after resolving "extends".`);
  }
}

function extendsIn(parsed: ParsedComposeFile, name: string): boolean {
  return parsed.sound && entryAt(parsed, ['services', name, 'extends']) !== undefined;
}

// Files in merge order (the .env file first), then by position, so problems read top to bottom.
function sortDiagnostics(diagnostics: ComposeDiagnostic[], files: string[]): ComposeDiagnostic[] {
  const rank = (d: ComposeDiagnostic): number => (d.file === undefined ? -1 : files.indexOf(d.file));
  return [...diagnostics].sort((a, b) => rank(a) - rank(b) || a.offset.start - b.offset.start || a.offset.end - b.offset.end);
}

// Thousands of entries help nobody and slow the editor down: keep the first ones of each file and say how many more.
function capDiagnostics(diagnostics: ComposeDiagnostic[]): ComposeDiagnostic[] {
  const counts = new Map<string | undefined, number>();
  const result: ComposeDiagnostic[] = [];
  for (const d of diagnostics) {
    const count = (counts.get(d.file) ?? 0) + 1;
    counts.set(d.file, count);
    if (count <= COMPOSE_LIMITS.maxDiagnosticsPerFile) result.push(d);
  }
  for (const [file, count] of counts) {
    if (count <= COMPOSE_LIMITS.maxDiagnosticsPerFile) continue;
    const last = [...result].reverse().find((d) => d.file === file) as ComposeDiagnostic;
    const more = count - COMPOSE_LIMITS.maxDiagnosticsPerFile;
    const summary: ComposeDiagnostic = { ...last, severity: 'error', code: 'too-many-problems', message: `${more} more problem${more === 1 ? '' : 's'} in this file not shown.` };
    delete summary.suggestion;
    result.push(summary);
  }
  return result;
}

function missingFile(file: string): ComposeDiagnostic {
  const position = { line: 0, character: 0 };
  return {
    severity: 'error',
    code: 'missing-file',
    message: `Compose file not found: ${file}`,
    range: { start: position, end: position },
    offset: { start: 0, end: 0 },
    file,
  };
}
