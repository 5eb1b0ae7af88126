import { execFile } from 'node:child_process';
import * as http from 'node:http';
import { resolveEndpoint } from '../src/engine/endpoint';
import { EngineClient } from '../src/engine/engineClient';
import { listContainers } from '../src/engine/listings';
import { proxyFor } from '../test/support/socketProxy';

/** Lists every container once and says how many it got, so the runner can check all three saw the same engine. */
export type ContainerLister = () => Promise<number>;

/** Berth's listing with a client built the way EngineConnection builds it from the endpoint setting. */
export function berthLister(dockerHost: string): ContainerLister {
  const endpoint = resolveEndpoint({ setting: dockerHost, env: {}, homeDir: '/nonexistent', platform: process.platform, readFile: () => undefined });
  const client = new EngineClient(endpoint);
  return async () => (await listContainers(client)).length;
}

/**
 * What the most used Docker extension runs to fill its containers view: a CLI process whose output is
 * one JSON object a line, each parsed. The process start is part of its cost, so it is timed.
 */
export function cliLister(dockerHost: string): ContainerLister {
  const args = ['container', 'ls', '--all', '--no-trunc', '--format', '{{json .}}'];
  const env = { ...process.env, DOCKER_HOST: dockerHost };
  return () =>
    new Promise((resolve, reject) => {
      execFile('docker', args, { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => {
        if (error) return reject(error);
        let count = 0;
        for (const line of stdout.split('\n')) {
          if (line.trim() === '') continue;
          JSON.parse(line);
          count++;
        }
        resolve(count);
      });
    });
}

/** The requests one CLI listing sends, seen through a counting proxy (empty for an engine not on a unix socket). */
export async function cliRequests(dockerHost: string): Promise<string[]> {
  if (!dockerHost.startsWith('unix://')) return [];
  const proxy = proxyFor(dockerHost, 'bench-cli');
  await proxy.start();
  try {
    await cliLister(`unix://${proxy.path}`)();
    return [...proxy.requests];
  } finally {
    await proxy.stop();
  }
}

/** The floor: one GET over the same transport and agent, the body parsed with JSON.parse and nothing else. */
export function rawHttpLister(dockerHost: string, query = 'all=1'): ContainerLister {
  const target: http.RequestOptions = dockerHost.startsWith('unix://') ? { socketPath: dockerHost.slice('unix://'.length) } : tcpTarget(dockerHost);
  return () =>
    new Promise((resolve, reject) => {
      const request = http.get({ ...target, path: `/containers/json?${query}` }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          if (response.statusCode !== 200) return reject(new Error(`GET /containers/json answered ${response.statusCode}`));
          try {
            resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[]).length);
          } catch (error) {
            reject(error as Error);
          }
        });
      });
      request.on('error', reject);
    });
}

function tcpTarget(dockerHost: string): http.RequestOptions {
  const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
  return { host: url.hostname, port: Number(url.port || 2375) };
}
