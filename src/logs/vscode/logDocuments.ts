import * as vscode from 'vscode';
import { fetchLastLines } from '../logExport';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import type { EngineSession } from '../../engine/vscode/engineSession';
import { requireClient } from '../../workbench/targets';
import { logFileName } from '../logLimits';

export const LOGS_SCHEME = 'berth-logs';

/** berth-logs:/web-1 (last 200 lines).log?id=...&tail=200&ts=0&at=...: the name gives the tab title and the `log` language. */
export function lastLinesUri(engine: string, id: string, name: string, tail: number, timestamps: boolean): vscode.Uri {
  const query = new URLSearchParams({ engine, id, tail: String(tail), ts: timestamps ? '1' : '0', at: String(Date.now()) });
  return vscode.Uri.from({ scheme: LOGS_SCHEME, path: `/${logFileName(name, ` (last ${tail} lines)`)}`, query: query.toString() });
}

/**
 * Read-only documents holding a snapshot of a container's last lines: the editor gives search,
 * selection and copy. Each request is its own document (the `at` parameter), fetched before it
 * opens; the text is kept only while the document is open.
 */
export class LogDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly closeListener: vscode.Disposable;

  constructor(private readonly engines: EngineRegistry) {
    this.closeListener = vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === LOGS_SCHEME) this.texts.delete(doc.uri.toString());
    });
  }

  /** Fetches the lines and opens them in an editor. */
  async open(engine: EngineSession, id: string, name: string, tail: number, timestamps: boolean): Promise<vscode.TextEditor> {
    const uri = lastLinesUri(engine.key, id, this.engines.qualify(name, engine), tail, timestamps);
    this.texts.set(uri.toString(), await this.fetch(engine, id, tail, timestamps));
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const known = this.texts.get(uri.toString());
    if (known !== undefined) return known;
    // Reopened after a reload: fetch the same request again.
    const query = new URLSearchParams(uri.query);
    const key = query.get('engine') ?? 'current';
    const engine = this.engines.get(key);
    if (!engine) throw new Error(`Berth is not connected to the engine "${key}".`);
    const text = await this.fetch(engine, query.get('id') ?? '', Number(query.get('tail') ?? '100'), query.get('ts') === '1');
    this.texts.set(uri.toString(), text);
    return text;
  }

  dispose(): void {
    this.closeListener.dispose();
    this.texts.clear();
  }

  private async fetch(engine: EngineSession, id: string, tail: number, timestamps: boolean): Promise<string> {
    const docker = requireClient(engine);
    const tty = (await docker.inspectContainer(id)).Config.Tty;
    const { text, count } = await fetchLastLines(docker, id, tty, { tail, timestamps });
    return count === 0 ? '' : text;
  }
}
