import { EngineConnection } from '../../src/engine/engineConnection';
import { EngineData } from '../../src/engine/engineData';
import { OBJECT_KINDS } from '../../src/engine/engineEvents';
import { refreshForEvents } from '../../src/engine/eventRefresh';
import { RefreshScheduler } from '../../src/engine/refreshScheduler';

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
  const data = new EngineData(() => (connection.state.kind === 'connected' ? connection.docker : undefined));
  const scheduler = new RefreshScheduler((kinds, events) => void refreshForEvents(data, kinds, events));
  connection.onEvent.on((e) => scheduler.onEvent(e));
  connection.onResynced.on(() => void data.invalidate(OBJECT_KINDS));
  return data;
}
