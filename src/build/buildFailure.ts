import { engineErrorMessage } from '../engine/engineErrors';

// Socket-level failures: the engine went away (stopped, restarted, socket removed) mid-request.
const CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ECONNABORTED', 'ENOENT', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Whether `err` means the connection to the engine was lost, rather than the engine refusing something. */
export function isConnectionLoss(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  if (typeof (err as { statusCode?: unknown }).statusCode === 'number') return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  const message = (err as { message?: unknown }).message;
  return typeof message === 'string' && /^(aborted|socket hang up)$/i.test(message.trim());
}

/** A build that stopped because the engine connection dropped; `cleanup` settles once its leftovers are handled. */
export class BuildInterruptedError extends Error {
  constructor(
    message: string,
    /** Resolves to the intermediate containers removed (empty when there were none, or the engine never came back). */
    readonly cleanup: Promise<string[]>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BuildInterruptedError';
  }
}

/** What a user reads when the connection dropped while `activity` ("building \"web\""): the cause in plain words, with the socket's code. */
export function lostConnectionText(activity: string, err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  const detail = typeof code === 'string' ? code : engineErrorMessage(err);
  return `The connection to the Docker engine was lost while ${activity} (${detail}), so it did not finish. Is the engine still running?`;
}

export function connectionLossText(tag: string, err: unknown): string {
  return lostConnectionText(`building "${tag}"`, err);
}
