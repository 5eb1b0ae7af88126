import { engineErrorMessage, engineStatusCode } from './engineErrors';

/** An Error the UI can show as is: its message is the engine's own reason, never "[object Object]". */
export class EngineActionError extends Error {
  readonly statusCode: number | undefined;

  constructor(message: string, statusCode?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineActionError';
    this.statusCode = statusCode;
  }
}

/** Wraps a dockerode failure, keeping the engine's words and HTTP status. */
export function engineActionError(err: unknown, extra?: string): EngineActionError {
  const reason = engineErrorMessage(err);
  return new EngineActionError(extra ? `${reason} ${extra}` : reason, engineStatusCode(err), { cause: err });
}

/** The rejection used for user cancellation, recognisable by name as fetch's is. */
export function abortError(message = 'The operation was cancelled.'): Error {
  const err = new Error(message);
  err.name = 'AbortError';
  return err;
}

/** `(used by container "a")` / `(used by containers "a", "b")`, or '' when nobody is named. */
export function usedByText(names: string[]): string {
  if (names.length === 0) return '';
  const quoted = names.map((n) => `"${n}"`).join(', ');
  return `(used by ${names.length === 1 ? 'container' : 'containers'} ${quoted})`;
}

/** A container's display name from the list API's Names (leading slash dropped). */
export function containerDisplayName(names: string[] | undefined, id: string): string {
  return (names?.[0] ?? id.slice(0, 12)).replace(/^\//, '');
}
