/** Why the engine could not be reached, in terms a user can act on. */
export type ConnectionProblem = 'socketMissing' | 'permissionDenied' | 'connectionRefused' | 'tls' | 'ssh' | 'timeout' | 'hostNotFound' | 'badEndpoint' | 'other';

export interface ConnectionFailure {
  problem: ConnectionProblem;
  /** One sentence for the user, naming the endpoint. */
  message: string;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Maps a failed ping to a problem the welcome view can explain. */
export function classifyConnectionError(err: unknown, endpoint: string): ConnectionFailure {
  const code = errorCode(err);
  const reason = engineErrorMessage(err);
  switch (code) {
    case 'ENOENT':
      return { problem: 'socketMissing', message: `No Docker socket at ${endpoint}. Is Docker running?` };
    case 'EACCES':
    case 'EPERM':
      return { problem: 'permissionDenied', message: `Permission denied opening ${endpoint}.` };
    case 'ECONNREFUSED':
      return { problem: 'connectionRefused', message: `Connection refused by ${endpoint}. Is the engine listening there?` };
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return { problem: 'timeout', message: `No answer from ${endpoint} in time.` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
      return { problem: 'hostNotFound', message: `Cannot reach the host of ${endpoint}: ${reason}` };
  }
  // SshAgent's own refusals (host key, keys, dial-stdio on the host) already name the host and the fix.
  if (/^SSH to |SSH host key|docker system dial-stdio/.test(reason)) return { problem: 'ssh', message: reason };
  if ((code && TLS_CODES.has(code)) || /certificate|tls|ssl/i.test(reason)) {
    return { problem: 'tls', message: `TLS handshake with ${endpoint} failed: ${reason}` };
  }
  return { problem: 'other', message: `Cannot talk to the Docker engine at ${endpoint}: ${reason}` };
}

/**
 * The engine's own reason for a failed request, without dockerode's "(HTTP code 409) unexpected -"
 * prefix, stack traces or "[object Object]".
 */
export function engineErrorMessage(err: unknown): string {
  if (typeof err === 'string') return err;
  if (typeof err !== 'object' || err === null) return String(err);
  const json = (err as { json?: unknown }).json;
  if (typeof json === 'object' && json !== null && typeof (json as { message?: unknown }).message === 'string') {
    return ((json as { message: string }).message).trim();
  }
  if (typeof json === 'string' && json.trim()) return json.trim();
  if (Buffer.isBuffer(json)) {
    const text = json.toString('utf8').trim();
    try {
      const parsed = JSON.parse(text) as { message?: unknown };
      if (typeof parsed.message === 'string') return parsed.message;
    } catch {
      // Not JSON: the body itself is the reason.
    }
    if (text) return text;
  }
  const message = (err as { message?: unknown }).message;
  if (typeof message === 'string' && message) {
    return message.replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/i, '').trim();
  }
  return 'unknown error';
}

/** The engine's HTTP status for a failed request, if it answered at all. */
export function engineStatusCode(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}
