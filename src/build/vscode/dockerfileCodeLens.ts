import * as path from 'node:path';
import * as vscode from 'vscode';
import { isDockerfileName } from '../dockerfileNames';
import { parseDockerfile } from '../dockerfileParse';

/** The documents that get the Build lenses; provideCodeLenses checks the name again. */
export const DOCKERFILE_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', pattern: '**/{Dockerfile,dockerfile,Containerfile,containerfile}{,.*}' },
  { scheme: 'file', pattern: '**/*.{Dockerfile,dockerfile,Containerfile,containerfile}' },
];

/** "Build Image..." at the top of a Dockerfile and "Build stage x" above each named stage of a multi-stage one. */
export class DockerfileCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly trust = vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire());

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted) return [];
    if (document.languageId !== 'dockerfile' && !isDockerfileName(path.basename(document.uri.fsPath))) return [];
    const uri = document.uri;
    const parsed = parseDockerfile(document.getText());
    const lenses = [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: '$(package) Build Image...', command: 'berth.image.build', arguments: [uri] })];
    if (parsed.stages.length < 2) return lenses;
    const final = parsed.stages[parsed.stages.length - 1];
    for (const stage of parsed.stages) {
      if (stage.name === undefined || stage === final) continue;
      lenses.push(
        new vscode.CodeLens(new vscode.Range(stage.line, 0, stage.line, 0), {
          title: `$(package) Build stage ${stage.name}`,
          command: 'berth.image.build',
          arguments: [uri, { target: stage.name }],
          tooltip: `Build up to this stage (--target ${stage.name})`,
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.trust.dispose();
    this.changed.dispose();
  }
}
