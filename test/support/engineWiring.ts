import { EngineConnection, type BackoffOptions } from '../../src/engine/engineConnection';
import { EngineData } from '../../src/engine/engineData';
import { OBJECT_KINDS } from '../../src/engine/engineEvents';
import { refreshForEvents } from '../../src/engine/eventRefresh';
import type { ResolvedEndpoint } from '../../src/engine/endpoint';
import { RefreshScheduler } from '../../src/engine/refreshScheduler';
import { testEndpoint } from './engineHarness';

/** Polls until `check` returns a value; the timeout only guards against a hung test. */
export function waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      const value = check();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 25);
    };
    tick();
  });
}

/** Wires connection, scheduler and data as the extension does, without VS Code. */
export function wire(connection: EngineConnection): EngineData {
  const data = new EngineData(() => (connection.state.kind === 'connected' ? connection.client : undefined));
  const scheduler = new RefreshScheduler((kinds, events) => void refreshForEvents(data, kinds, events));
  connection.onEvent.on((e) => scheduler.onEvent(e));
  connection.onResynced.on(() => void data.invalidate(OBJECT_KINDS));
  return data;
}

/**
 * A connected EngineConnection: the engine's client and its event hub, as log followers and the
 * recorder get them in the extension. The test engine unless another endpoint is given; dispose it.
 */
export async function connectEngine(endpoint: ResolvedEndpoint = testEndpoint(), backoff?: BackoffOptions): Promise<EngineConnection> {
  const connection = new EngineConnection(endpoint, backoff);
  try {
    await connection.start();
    await connection.whenConnected(10_000);
  } catch (err) {
    connection.dispose();
    throw err;
  }
  return connection;
}
