import * as net from 'node:net';
import type { Readable } from 'node:stream';

// Node's HTTP client hands a response body over one HTTP chunk at a time, and the engine sends
// every log message as its own chunk: a flood of a million lines became a million 'data' events,
// and the client's CPU then starved the engine on a small machine (1.4x the docker CLI's time).
// An HTTP/1.0 request gets the body unchunked, read in socket-sized pieces.

/** Where a plain (non-TLS, non-SSH) engine endpoint listens. */
export type PlainEndpoint = { socketPath: string } | { host: string; port: number };

/** The response head: the status and the headers, names in lower case. */
export interface ResponseHead {
  status: number;
  headers: Map<string, string>;
  /** Offset of the first body byte in the buffer that was parsed. */
  bodyStart: number;
}

const MAX_HEAD_BYTES = 64 * 1024;
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Parses an HTTP/1.x status line and headers; undefined while the blank line has not arrived. */
export function parseResponseHead(data: Buffer): ResponseHead | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) {
    if (data.length > MAX_HEAD_BYTES) throw new Error('the engine sent an oversized response head');
    return undefined;
  }
  const lines = data.toString('latin1', 0, end).split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(lines[0]);
  if (!status) throw new Error(`the engine's answer is not HTTP: ${JSON.stringify(lines[0].slice(0, 80))}`);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: Number(status[1]), headers, bodyStart: end + 4 };
}

/**
 * The engine's address from an endpoint's connection options (dockerode's shape, as ResolvedEndpoint
 * holds them), when it is a unix socket, a named pipe or plain TCP.
 */
export function plainEndpointOf(options: unknown): PlainEndpoint | undefined {
  if (typeof options !== 'object' || options === null) return undefined;
  const m = options as { socketPath?: unknown; host?: unknown; port?: unknown; protocol?: unknown; agent?: unknown };
  if (m.agent !== undefined) return undefined;
  if (typeof m.socketPath === 'string' && m.socketPath !== '') return { socketPath: m.socketPath };
  if (typeof m.host === 'string' && m.host !== '' && (m.protocol === undefined || m.protocol === 'http')) {
    return { host: m.host, port: Number(m.port ?? 2375) };
  }
  return undefined;
}

/** An engine error as dockerode reports one, so engineErrorMessage and engineStatusCode read it alike. */
class EngineStreamError extends Error {
  constructor(
    readonly statusCode: number,
    readonly json: Buffer,
  ) {
    super(`(HTTP code ${statusCode}) ${json.toString('utf8').trim()}`);
    this.name = 'EngineStreamError';
  }
}

function abortError(): Error {
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}

/**
 * GETs `path` (with the API version prefix, e.g. /v1.41/containers/x/logs?follow=1) and resolves
 * with the body as a paused stream once a 2xx head has arrived. A failure status rejects with the
 * engine's message; `signal` aborts the request at any time.
 */
export function openEngineStream(endpoint: PlainEndpoint, path: string, signal?: AbortSignal): Promise<Readable> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const socket = 'socketPath' in endpoint ? net.connect(endpoint.socketPath) : net.connect(endpoint.port, endpoint.host);
    const host = 'socketPath' in endpoint ? 'docker' : `${endpoint.host}:${endpoint.port}`;
    let head: Buffer = Buffer.alloc(0);
    let settled = false;
    const onAbort = (): void => {
      socket.destroy(abortError());
    };
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      let parsed: ResponseHead | undefined;
      try {
        parsed = parseResponseHead(head);
      } catch (error) {
        fail(error as Error);
        return;
      }
      if (!parsed) return;
      const body = head.subarray(parsed.bodyStart);
      if (parsed.status >= 300) {
        readErrorBody(parsed.status, body);
        return;
      }
      if (parsed.headers.get('transfer-encoding')?.toLowerCase().includes('chunked')) {
        fail(new Error('the engine answered an HTTP/1.0 request with a chunked body'));
        return;
      }
      settled = true;
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('end', onEnd);
      // Paused so nothing flows before the caller listens; like a fresh response, the stream then
      // starts flowing when a 'data' listener is added (resume() defers the flow to a later tick,
      // so a pause() right after adding the listener still holds).
      socket.pause();
      if (body.length > 0) socket.unshift(body);
      const flowOnListener = (event: string | symbol): void => {
        if (event !== 'data') return;
        socket.off('newListener', flowOnListener);
        socket.resume();
      };
      socket.on('newListener', flowOnListener);
      // The abort listener stays for the life of the stream: aborting later ends the stream too.
      socket.once('close', () => signal?.removeEventListener('abort', onAbort));
      resolve(socket);
    };
    const readErrorBody = (status: number, first: Buffer): void => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      const parts = [first];
      let size = first.length;
      socket.on('data', (chunk: Buffer) => {
        if (size < MAX_ERROR_BODY_BYTES) parts.push(chunk);
        size += chunk.length;
      });
      socket.once('end', () => fail(new EngineStreamError(status, Buffer.concat(parts))));
    };
    const onError = (error: Error): void => fail(error);
    const onEnd = (): void => fail(new Error('the engine closed the connection before answering'));
    const cleanup = (): void => {
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('end', onEnd);
    socket.once('connect', () => {
      socket.write(`GET ${path} HTTP/1.0\r\nHost: ${host}\r\nUser-Agent: Berth\r\n\r\n`);
    });
  });
}

/** "/v1.41" for options pinned to an API version, else "" (the engine's own version). */
function versionPrefix(options: unknown): string {
  const version = (options as { version?: unknown } | null)?.version;
  return typeof version === 'string' && version !== '' ? `/${version.replace(/^\/+/, '')}` : '';
}

export type LogsQuery = Record<string, string | number | boolean | undefined>;

/**
 * A container's logs endpoint as a stream: over a raw HTTP/1.0 request when the endpoint's options
 * name a local socket or plain TCP, else (TLS, SSH) through dockerode's own request, built by `viaModem`.
 */
export function openLogsRequest(options: unknown, id: string, query: LogsQuery, viaModem: () => Promise<Readable>, signal?: AbortSignal): Promise<Readable> {
  const endpoint = plainEndpointOf(options);
  if (!endpoint) return viaModem();
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return openEngineStream(endpoint, `${versionPrefix(options)}/containers/${encodeURIComponent(id)}/logs?${params.toString()}`, signal);
}
