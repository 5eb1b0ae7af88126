import { ComposeDiagnostic } from './composeDiagnostics';
import { LoadedCompose } from './composeLoad';

export type ComposeStep =
  | 'pull'
  | 'build'
  | 'network'
  | 'volume'
  | 'create'
  | 'recreate'
  | 'start'
  | 'restart'
  | 'stop'
  | 'remove'
  | 'wait'
  | 'unchanged'
  | 'done'
  | 'failed';

/** One step of a deploy or down, for a progress notification and the log. */
export interface ComposeProgressEvent {
  /** The service the step belongs to; absent for project-wide steps (networks, volumes). */
  service?: string;
  step: ComposeStep;
  message: string;
}

export type ComposeProgressListener = (event: ComposeProgressEvent) => void;

/** A deploy failure the UI can show as is; `service` names the service whose step failed. */
export class ComposeApplyError extends Error {
  constructor(
    message: string,
    readonly service?: string,
    readonly failures: string[] = [message],
  ) {
    super(message);
    this.name = 'ComposeApplyError';
  }
}

function where(d: ComposeDiagnostic): string {
  const file = d.file ? `${d.file}:` : '';
  return `${file}${d.range.start.line + 1}:${d.range.start.character + 1}`;
}

/** Nothing may be created while the files have errors: throws naming the first few. */
export function assertDeployable(loaded: LoadedCompose): void {
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return;
  const shown = errors.slice(0, 3).map((d) => `${where(d)} ${d.message}`);
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  throw new ComposeApplyError(
    `The compose project has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was deployed. ${shown.join(' ')}${more}`,
    undefined,
    shown,
  );
}
