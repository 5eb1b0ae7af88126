import { EngineActionError } from '../engine/actionErrors';

/** A "Step 3/7 : RUN make" line of the classic builder. */
export interface BuildStep {
  number: number;
  total: number;
  /** The instruction as the builder printed it. */
  instruction: string;
}

export function parseStepLine(line: string): BuildStep | undefined {
  const match = /^Step (\d+)\/(\d+) ?: ?(.*)$/.exec(line);
  if (!match) return undefined;
  return { number: Number(match[1]), total: Number(match[2]), instruction: match[3] };
}

/** A build the engine stopped with an error; `step` is the step that was running, when one had started. */
export class BuildStepError extends EngineActionError {
  constructor(
    message: string,
    readonly step: BuildStep | undefined,
  ) {
    super(message);
    this.name = 'BuildStepError';
  }
}

/** The 1-based line the engine's Dockerfile parser named ("dockerfile parse error line 3: ..."), if it named one. */
export function dockerfileErrorLine(message: string): number | undefined {
  const match = /dockerfile parse error(?: on)? line (\d+)/i.exec(message);
  return match ? Number(match[1]) : undefined;
}
