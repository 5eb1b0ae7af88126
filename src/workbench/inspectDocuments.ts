import * as vscode from 'vscode';
import type { ObjectKind } from '../engine/engineEvents';
import { engineErrorMessage } from '../engine/engineErrors';
import type { EngineRegistry } from '../engine/vscode/engineRegistry';
import type { EngineSession } from '../engine/vscode/engineSession';

export const INSPECT_SCHEME = 'berth-inspect';

/** berth-inspect:/container/web-1.json?engine=...&id=... : the file name gives the tab title and the JSON language. */
export function inspectUri(engine: string, kind: ObjectKind, id: string, label: string): vscode.Uri {
  const safe = label.replace(/[/\\:?#]/g, '_');
  return vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${kind}/${safe}.json`, query: new URLSearchParams({ engine, id }).toString() });
}

/** The engine's inspect JSON as a read-only document, fetched again on refresh. */
export class InspectDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly engines: EngineRegistry) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const kind = uri.path.split('/')[1] as ObjectKind;
    const query = new URLSearchParams(uri.query);
    const id = query.get('id') ?? '';
    const engine = this.engines.get(query.get('engine') ?? 'current');
    const docker = engine?.client;
    if (!engine || !docker || engine.state.kind !== 'connected') return `// ${vscode.l10n.t('Berth is not connected to the engine "{0}".', engine?.name ?? query.get('engine') ?? '')}\n`;
    try {
      const data = await fetchInspect(docker, kind, id);
      return `${JSON.stringify(data, null, 2)}\n`;
    } catch (err) {
      // The document stays open; its text says why rather than a pop-up per refresh.
      return `// ${engineErrorMessage(err)}\n`;
    }
  }

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function fetchInspect(client: NonNullable<EngineSession['client']>, kind: ObjectKind, id: string): Promise<unknown> {
  switch (kind) {
    case 'container':
      return client.inspectContainer(id);
    case 'image':
      return client.inspectImage(id);
    case 'volume':
      return client.inspectVolume(id);
    case 'network':
      return client.inspectNetwork(id);
  }
}
