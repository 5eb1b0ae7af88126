import * as vscode from 'vscode';
import type { ObjectKind } from '../engine/engineEvents';
import { engineErrorMessage } from '../engine/engineErrors';
import type { EngineSession } from '../engine/vscode/engineSession';

export const INSPECT_SCHEME = 'berth-inspect';

/** berth-inspect:/container/web-1.json?id=... : the file name gives the tab title and the JSON language. */
export function inspectUri(kind: ObjectKind, id: string, label: string): vscode.Uri {
  const safe = label.replace(/[/\\:?#]/g, '_');
  return vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${kind}/${safe}.json`, query: new URLSearchParams({ id }).toString() });
}

/** The engine's inspect JSON as a read-only document, fetched again on refresh. */
export class InspectDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly session: EngineSession) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const kind = uri.path.split('/')[1] as ObjectKind;
    const id = new URLSearchParams(uri.query).get('id') ?? '';
    const docker = this.session.client;
    if (!docker || this.session.state.kind !== 'connected') return '// Berth is not connected to a Docker engine.\n';
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
