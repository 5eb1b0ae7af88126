import * as vscode from 'vscode';
import { detectShell, startShell, type ShellSession } from '../execShell';
import { engineErrorMessage } from '../../engine/engineErrors';
import type { EngineClient } from '../../engine/engineClient';

/**
 * A VS Code terminal backed by an exec session with a TTY through the engine API, so a shell needs
 * no docker CLI and works against remote engines too.
 */
export class ContainerShell implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private session: ShellSession | undefined;
  private pendingSize: vscode.TerminalDimensions | undefined;

  constructor(
    private readonly docker: EngineClient,
    private readonly containerId: string,
    private readonly containerName: string,
  ) {}

  open(initialDimensions: vscode.TerminalDimensions | undefined): void {
    this.pendingSize = initialDimensions;
    void this.connect();
  }

  private async connect(): Promise<void> {
    try {
      const shell = await detectShell(this.docker, this.containerId);
      const size = this.pendingSize ?? { columns: 80, rows: 24 };
      const session = await startShell(this.docker, this.containerId, shell, { cols: size.columns, rows: size.rows });
      this.session = session;
      session.onData((text) => this.writeEmitter.fire(text));
      void session.exited.then((code) => {
        const exited = code === undefined ? vscode.l10n.t('{0}: shell exited', this.containerName) : vscode.l10n.t('{0}: shell exited with code {1}', this.containerName, code);
        this.writeEmitter.fire(`\r\n[${exited}]\r\n`);
        this.closeEmitter.fire(code ?? 0);
      });
    } catch (err) {
      this.writeEmitter.fire(`\r\n${vscode.l10n.t('Cannot open a shell in {0}: {1}', this.containerName, engineErrorMessage(err))}\r\n`);
      this.closeEmitter.fire(1);
    }
  }

  handleInput(data: string): void {
    this.session?.write(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.pendingSize = dimensions;
    // A resize of a finished exec fails harmlessly; nothing to tell the user.
    void this.session?.resize(dimensions.columns, dimensions.rows).catch(() => undefined);
  }

  close(): void {
    this.session?.close();
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
  }
}
