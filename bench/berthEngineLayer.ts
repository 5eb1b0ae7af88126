import * as os from 'node:os';
import { resolveEndpoint } from '../src/engine/endpoint';
import { EngineConnection } from '../src/engine/engineConnection';
import { EngineData } from '../src/engine/engineData';
import { OBJECT_KINDS } from '../src/engine/engineEvents';
import { refreshForEvents } from '../src/engine/eventRefresh';
import { RefreshScheduler } from '../src/engine/refreshScheduler';

export interface BerthEngineLayer {
  connection: EngineConnection;
  data: EngineData;
  dispose(): void;
}

/**
 * Berth's engine layer wired as src/engineSession.ts and src/statusBar.ts wire it, minus VS Code:
 * events feed the refresh scheduler, a resync reloads the lists the views asked for, an unreachable
 * engine forgets the lists, and the status bar loads the containers list once connected.
 */
export function wireEngineLayer(dockerHost: string): BerthEngineLayer {
  const endpoint = resolveEndpoint({ setting: dockerHost, env: {}, homeDir: os.homedir(), platform: process.platform, readFile: () => undefined });
  const connection = new EngineConnection(endpoint);
  const data = new EngineData(() => (connection.state.kind === 'connected' ? connection.client : undefined));
  const scheduler = new RefreshScheduler((kinds, events) => void refreshForEvents(data, kinds, events));
  connection.onState.on((state) => {
    if (state.kind === 'unreachable') data.reset();
    if (state.kind === 'connected') void data.get('container').catch(() => undefined);
  });
  connection.onEvent.on((event) => scheduler.onEvent(event));
  connection.onResynced.on(() => void data.invalidate(OBJECT_KINDS));
  return {
    connection,
    data,
    dispose(): void {
      connection.dispose();
      scheduler.dispose();
    },
  };
}
