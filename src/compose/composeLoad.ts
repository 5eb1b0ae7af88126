import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { ComposeDiagnostic, DiagnosticSink, TextIndex } from './composeDiagnostics';
import { parseDotenv } from './composeDotenv';
import { interpolateComposeFile } from './composeInterpolate';
import { mergeComposeDocuments } from './composeMerge';
import { buildComposeModel } from './composeModel';
import { ComposeProject } from './composeModelTypes';
import { parseComposeText, ParsedComposeFile } from './composeParse';
import { VariableLookup } from './composeTemplate';
import { validateComposeFile } from './composeValidate';
import { validateComposeReferences } from './composeValidateRefs';
import { yamlToPlain } from './composeYaml';

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
  files: ParsedComposeFile[];
  /** The variables used for interpolation: `.env` values overlaid by the environment. */
  variables: Record<string, string>;
}

export function readTextFile(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Parse, interpolate, validate, merge and normalise a project's compose files. */
export function loadComposeProject(options: LoadComposeOptions): LoadedCompose {
  const readFile = options.readFile ?? readTextFile;
  const env = options.env ?? process.env;
  const workingDir = path.dirname(options.files[0]);
  const diagnostics: ComposeDiagnostic[] = [];

  const envFile = options.envFile ?? path.join(workingDir, '.env');
  const envText = readFile(envFile);
  const dotenv = envText === undefined ? { values: {}, issues: [] } : parseDotenv(envText, (name) => env[name]);
  if (envText !== undefined) {
    const sink = new DiagnosticSink(new TextIndex(envText), envFile);
    for (const issue of dotenv.issues) sink.report(issue.severity, issue.code, issue.message, issue.start, issue.end);
    diagnostics.push(...sink.diagnostics);
  }
  const variables: Record<string, string> = { ...dotenv.values };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) variables[key] = value;
  const lookup: VariableLookup = (name) => variables[name];

  const files: ParsedComposeFile[] = [];
  for (const file of options.files) {
    const text = readFile(file);
    if (text === undefined) {
      diagnostics.push(missingFile(file));
      continue;
    }
    const parsed = parseComposeText(text, file);
    diagnostics.push(...parsed.diagnostics);
    diagnostics.push(...interpolateComposeFile(parsed, lookup));
    files.push(parsed);
  }
  // A file with YAML errors parses into guesswork; checking that would bury the real error in noise.
  const sound = files.filter((parsed) => !parsed.diagnostics.some((d) => d.severity === 'error'));
  for (const parsed of sound) {
    diagnostics.push(...validateComposeFile(parsed, { baseDir: workingDir, fileExists: (p) => readFile(p) !== undefined }));
  }
  if (sound.length === files.length) diagnostics.push(...validateComposeReferences(files));

  const merged = mergeComposeDocuments(files.map((parsed) => yamlToPlain(parsed.doc.contents, parsed.doc)));
  const project = buildComposeModel(merged, {
    workingDir,
    configFiles: options.files,
    projectName: options.projectName,
    lookup,
    homeDir: options.homeDir ?? homedir(),
    profiles: options.profiles,
    readFile,
  });
  return { project, diagnostics: sortDiagnostics(diagnostics, options.files), files, variables };
}

// Files in merge order (the .env file first), then by position, so problems read top to bottom.
function sortDiagnostics(diagnostics: ComposeDiagnostic[], files: string[]): ComposeDiagnostic[] {
  const rank = (d: ComposeDiagnostic): number => (d.file === undefined ? -1 : files.indexOf(d.file));
  return [...diagnostics].sort((a, b) => rank(a) - rank(b) || a.offset.start - b.offset.start || a.offset.end - b.offset.end);
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
