import type Docker from 'dockerode';
import type { Readable } from 'node:stream';

export interface DialRequest {
  path: string;
  method: string;
  isStream: boolean;
  options: Record<string, unknown>;
  signal?: AbortSignal;
}

/** A streamed request through docker-modem, for what dockerode has no streamed method for. */
export function dialModem(docker: Docker, request: DialRequest): Promise<Readable> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: request.path,
        method: request.method,
        isStream: request.isStream,
        statusCodes: { 200: true, 400: 'bad parameter', 404: 'no such container or path', 500: 'server error' },
        options: request.options,
        abortSignal: request.signal,
      } as Parameters<Docker['modem']['dial']>[0],
      (error, stream) => (error ? reject(error as Error) : resolve(stream as Readable)),
    );
  });
}
