/** A registry's refusal or failure, in the registry's own words where it gave any. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** The registry's error codes ("UNSUPPORTED", "DENIED", "NAME_UNKNOWN", ...). */
    readonly codes: readonly string[] = [],
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

interface ErrorBody {
  errors?: { code?: unknown; message?: unknown; detail?: unknown }[];
}

/** The registry's `errors[].message` (joined), and the codes; undefined when the body is not that JSON. */
export function parseRegistryErrors(text: string): { message: string; codes: string[] } | undefined {
  let body: ErrorBody;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    return undefined;
  }
  if (!body || !Array.isArray(body.errors) || body.errors.length === 0) return undefined;
  const messages: string[] = [];
  const codes: string[] = [];
  for (const e of body.errors) {
    if (typeof e?.code === 'string') codes.push(e.code);
    const message = typeof e?.message === 'string' && e.message ? e.message : typeof e?.code === 'string' ? e.code.toLowerCase() : undefined;
    if (message && !messages.includes(message)) messages.push(message);
  }
  return messages.length > 0 ? { message: messages.join('; '), codes } : undefined;
}

/** A RegistryError from a failed response: the registry's message, else the HTTP status. */
export async function registryErrorFrom(response: Response, what: string): Promise<RegistryError> {
  const text = await response.text().catch(() => '');
  const parsed = parseRegistryErrors(text);
  const reason = parsed?.message ?? `${response.status} ${response.statusText}`.trim();
  return new RegistryError(`${what}: ${reason}`, response.status, parsed?.codes ?? []);
}

/** Network failures (refused, DNS, TLS) in words: fetch itself only says "fetch failed". */
export function unreachableError(registry: string, error: unknown): RegistryError {
  if (error instanceof RegistryError) return error;
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'AbortError') return new RegistryError(`The request to ${registry} was cancelled.`);
  if (err.name === 'TimeoutError') return new RegistryError(`${registry} did not answer in time.`);
  const cause = err.cause?.code ?? err.cause?.message ?? err.message;
  // fetch refuses ports browsers block (1, 6000, 6665-6669, ...): say so, "bad port" alone puzzles.
  if (cause === 'bad port') return new RegistryError(`Cannot reach ${registry}: Node's fetch refuses that port (one browsers block); serve the registry on another port.`);
  return new RegistryError(`Cannot reach ${registry}: ${cause}`);
}
