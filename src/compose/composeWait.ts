import type { EngineClient } from '../engine/engineClient';
import type { ContainerInspect } from '../engine/engineTypes';
import { abortError } from '../engine/actionErrors';

const POLL_MS = 250;

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Something the user should know about the wait (Berth running an engine's health checks). */
  onNote?(message: string): void;
}

/** Docker's default health check interval, when the container sets none. */
const DEFAULT_INTERVAL_MS = 30_000;

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError('The deploy was cancelled.'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError('The deploy was cancelled.'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function lastHealthOutput(info: ContainerInspect): string {
  const log = (info.State.Health as { Log?: { Output?: string; ExitCode?: number }[] } | undefined)?.Log ?? [];
  const last = log[log.length - 1];
  const output = last?.Output?.trim();
  return output ? `; last check said: ${output.slice(0, 300)}` : last ? `; last check exited with ${last.ExitCode}` : '';
}

/**
 * Waits until the container's health check passes; rejects when it is unhealthy, exits, or time runs
 * out. An engine that has run no check an interval after the wait began (Podman without systemd
 * schedules none) is asked to run them, one per interval, where it can (EngineClient.runHealthcheck).
 */
export async function waitHealthy(client: EngineClient, service: string, containerId: string, options: WaitOptions): Promise<void> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  let runChecks: 'unknown' | 'yes' | 'no' = 'unknown';
  let nextCheck = 0;
  for (;;) {
    const info = await client.inspectContainer(containerId);
    const health = info.State.Health?.Status;
    if (health === undefined) throw new Error(`Service "${service}" has no health check, but a dependent waits for it to be healthy.`);
    if (health === 'healthy') return;
    if (health === 'unhealthy') throw new Error(`Service "${service}" is unhealthy${lastHealthOutput(info)}`);
    if (!info.State.Running) throw new Error(`Service "${service}" exited with code ${info.State.ExitCode} before becoming healthy.`);
    if (Date.now() > deadline) {
      throw new Error(`Service "${service}" did not become healthy within ${Math.round(options.timeoutMs / 1000)} s (still "${health}"${lastHealthOutput(info)}).`);
    }
    const intervalMs = Number(info.Config.Healthcheck?.Interval ?? 0) / 1e6 || DEFAULT_INTERVAL_MS;
    const checked = ((info.State.Health as { Log?: unknown[] | null } | undefined)?.Log ?? []).length > 0;
    const now = Date.now();
    if (runChecks === 'unknown' && !checked && now - started >= intervalMs + 2_000) {
      runChecks = (await client.runHealthcheck(containerId)) ? 'yes' : 'no';
      nextCheck = now + intervalMs;
      if (runChecks === 'yes') options.onNote?.('The engine runs no health checks by itself (Podman without systemd): Berth runs them while it waits.');
    } else if (runChecks === 'yes' && now >= nextCheck) {
      await client.runHealthcheck(containerId);
      nextCheck = now + intervalMs;
    }
    await delay(POLL_MS, options.signal);
  }
}

/** Waits until the container has exited with code 0 (`service_completed_successfully`). */
export async function waitCompleted(client: EngineClient, service: string, containerId: string, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const info = await client.inspectContainer(containerId);
    if (!info.State.Running && !info.State.Restarting && info.State.Status !== 'created') {
      if (info.State.ExitCode === 0) return;
      throw new Error(`Service "${service}" exited with code ${info.State.ExitCode}; dependents need it to complete successfully.`);
    }
    if (Date.now() > deadline) throw new Error(`Service "${service}" did not complete within ${Math.round(options.timeoutMs / 1000)} s.`);
    await delay(POLL_MS, options.signal);
  }
}
