import * as vscode from 'vscode';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import type { EngineSession } from '../../engine/vscode/engineSession';

const KEY = 'berth.compose.engines';

/**
 * Which engine each compose file deploys to. The current engine unless the user picked another
 * for that file; the choice is remembered per workspace, and falls back to the current engine
 * while the picked one is not connected.
 */
export class ComposeTargets {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly memento: vscode.Memento,
  ) {}

  /** The engine the file deploys to now. */
  engineFor(file: string): EngineSession {
    const key = this.memento.get<Record<string, string>>(KEY, {})[file];
    return (key !== undefined ? this.engines.get(key) : undefined) ?? this.engines.current;
  }

  /** The engine the user chose for the file, even while it is not connected (for the CodeLens). */
  chosenKey(file: string): string | undefined {
    return this.memento.get<Record<string, string>>(KEY, {})[file];
  }

  async choose(file: string, engine: EngineSession): Promise<void> {
    const all = { ...this.memento.get<Record<string, string>>(KEY, {}) };
    if (engine.isCurrent) delete all[file];
    else all[file] = engine.key;
    await this.memento.update(KEY, all);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
