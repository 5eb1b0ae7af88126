/** One instruction, with the lines it spans (0-based; continuation lines included). */
export interface DockerfileInstruction {
  /** Upper-cased: FROM, RUN, ARG, ... */
  keyword: string;
  /** The rest of the instruction, continuation lines joined with nothing between them, as Docker joins them. */
  args: string;
  startLine: number;
  endLine: number;
}

export interface DockerfileStage {
  /** The name after `AS`, lower-cased as Docker compares it; undefined for an unnamed stage. */
  name?: string;
  image: string;
  platform?: string;
  /** The FROM line (0-based). */
  line: number;
  index: number;
}

export interface DockerfileArg {
  name: string;
  /** The default after `=`, quotes removed; undefined when the ARG declares none. */
  defaultValue?: string;
  line: number;
  /** Declared before the first FROM: usable in FROM lines only, unless redeclared in a stage. */
  global: boolean;
}

export interface ParsedDockerfile {
  /** The escape character: `\` unless a `# escape=` directive sets a backtick. */
  escape: string;
  instructions: DockerfileInstruction[];
  stages: DockerfileStage[];
  args: DockerfileArg[];
}

/** The parser directives Docker reads at the top of the file (before any comment, blank line or instruction). */
function readDirectives(lines: string[]): { escape: string; consumed: number } {
  let escape = '\\';
  let consumed = 0;
  const seen = new Set<string>();
  for (const line of lines) {
    const directive = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!directive) break;
    const name = directive[1].toLowerCase();
    // A repeated directive ends the directives, as Docker treats it as a comment.
    if (seen.has(name)) break;
    seen.add(name);
    if (name === 'escape' && (directive[2] === '`' || directive[2] === '\\')) escape = directive[2];
    consumed++;
  }
  return { escape, consumed };
}

/**
 * Reads a Dockerfile as the classic builder does: parser directives, comments, line continuations
 * (comment and blank lines inside a continued instruction are skipped), and from the instructions the
 * stages (FROM with --platform and AS) and the ARGs (with or without defaults).
 */
export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const { escape, consumed } = readDirectives(lines);
  const instructions: DockerfileInstruction[] = [];
  let current: { parts: string[]; startLine: number; lastLine: number } | undefined;
  for (let index = consumed; index < lines.length; index++) {
    const line = lines[index];
    const trimmed = line.trim();
    // Blank and comment lines are skipped everywhere, inside a continued instruction too.
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const continued = endsWithEscape(line, escape);
    const body = continued ? line.replace(/\s*$/, '').slice(0, -1) : line;
    if (current === undefined) current = { parts: [], startLine: index, lastLine: index };
    current.lastLine = index;
    current.parts.push(current.parts.length === 0 ? body.replace(/^\s+/, '') : body);
    if (!continued) {
      instructions.push(toInstruction(current.parts.join(''), current.startLine, index));
      current = undefined;
    }
  }
  // A file ending in a continuation still holds its last instruction.
  if (current !== undefined) instructions.push(toInstruction(current.parts.join(''), current.startLine, current.lastLine));
  return { escape, instructions, ...stagesAndArgs(instructions) };
}

function endsWithEscape(line: string, escape: string): boolean {
  const trimmed = line.replace(/\s*$/, '');
  return trimmed.endsWith(escape);
}

function toInstruction(text: string, startLine: number, endLine: number): DockerfileInstruction {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text.trim());
  return { keyword: (match?.[1] ?? '').toUpperCase(), args: (match?.[2] ?? '').trim(), startLine, endLine };
}

function stagesAndArgs(instructions: DockerfileInstruction[]): { stages: DockerfileStage[]; args: DockerfileArg[] } {
  const stages: DockerfileStage[] = [];
  const args: DockerfileArg[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') stages.push(parseFrom(instruction, stages.length));
    else if (instruction.keyword === 'ARG') {
      for (const word of splitWords(instruction.args)) {
        const eq = word.indexOf('=');
        const name = eq < 0 ? word : word.slice(0, eq);
        if (!name) continue;
        args.push({ name, defaultValue: eq < 0 ? undefined : unquote(word.slice(eq + 1)), line: instruction.startLine, global: stages.length === 0 });
      }
    }
  }
  return { stages, args };
}

function parseFrom(instruction: DockerfileInstruction, index: number): DockerfileStage {
  const words = splitWords(instruction.args);
  let platform: string | undefined;
  const rest: string[] = [];
  for (const word of words) {
    const flag = /^--platform=(.*)$/i.exec(word);
    if (flag && rest.length === 0) platform = unquote(flag[1]);
    else if (!(word.startsWith('--') && rest.length === 0)) rest.push(word);
  }
  const named = rest.length >= 3 && rest[1].toLowerCase() === 'as';
  return { image: rest[0] ?? '', name: named ? rest[2].toLowerCase() : undefined, platform, line: instruction.startLine, index };
}

/** Whitespace-separated words; quoted parts ("a b" or 'a b') stay in their word. */
function splitWords(text: string): string[] {
  const words: string[] = [];
  const pattern = /(?:"[^"]*"|'[^']*'|\S)+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) words.push(match[0]);
  return words;
}

function unquote(value: string): string {
  return value.replace(/^"([\s\S]*)"$/, '$1').replace(/^'([\s\S]*)'$/, '$1');
}

/** The instruction the classic builder reports as "Step N/M" (1-based, in file order), if the file has one. */
export function instructionForStep(parsed: ParsedDockerfile, step: number): DockerfileInstruction | undefined {
  // Labels given to the build are appended as a last step no line of the file holds.
  return Number.isInteger(step) && step >= 1 ? parsed.instructions[step - 1] : undefined;
}

/** Constructs only BuildKit reads; the classic builder misreads heredocs as instructions, so they are named before a build. */
export function heredocInstructions(parsed: ParsedDockerfile): DockerfileInstruction[] {
  return parsed.instructions.filter((i) => ['RUN', 'COPY', 'ADD'].includes(i.keyword) && /(^|\s)<<-?["']?[A-Za-z_][A-Za-z0-9_]*["']?/.test(i.args));
}
