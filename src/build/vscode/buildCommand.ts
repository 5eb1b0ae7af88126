import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FOLDER_DOCKERFILES, isDockerfileName } from '../dockerfileNames';
import { parseDockerfile } from '../dockerfileParse';
import type { CommandContext } from '../../workbench/commandContext';
import { presetArg } from '../../workbench/presets';
import { engineForCommand, requireClient } from '../../workbench/targets';
import { askBuildPlan, BuildPreset } from './buildPrompts';

/** Build Image...: from the Explorer (a Dockerfile or a folder holding one), the editor title, a CodeLens, or the palette. */
export async function buildImageFromDockerfile(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('Building runs the Dockerfile\'s steps: trust this workspace to build from it.'));
  const dockerfile = await resolveDockerfile(args[0]);
  if (!dockerfile) return;
  const preset = presetArg<BuildPreset>(args, 'tag') ?? presetArg<BuildPreset>(args, 'target');
  const document = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === dockerfile.fsPath);
  // The engine reads the file from disk: what the user sees in the editor is what gets built.
  if (document?.isDirty) await document.save();
  const parsed = parseDockerfile(document?.getText() ?? (await fs.readFile(dockerfile.fsPath, 'utf8')));
  if (!ctx.build.checkClassicBuilder(dockerfile, parsed)) return;
  // With several engines the user picks where the image is built.
  const engine = await engineForCommand(ctx.engines, args, vscode.l10n.t('Build Image'));
  if (!engine) return;
  const client = requireClient(engine);
  const plan = await askBuildPlan(ctx.extension.workspaceState, dockerfile.fsPath, parsed, preset);
  if (!plan) return;
  await ctx.build.run(client, plan, parsed, ctx.engines.multiple ? engine.name : undefined);
}

async function resolveDockerfile(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri && arg.scheme === 'file') return fromUri(arg);
  const editor = vscode.window.activeTextEditor?.document;
  if (editor && editor.uri.scheme === 'file' && (editor.languageId === 'dockerfile' || isDockerfileName(path.basename(editor.uri.fsPath)))) return editor.uri;
  const found = await vscode.workspace.findFiles('**/{Dockerfile,dockerfile,Containerfile,containerfile,Dockerfile.*,*.Dockerfile,*.dockerfile}', '**/node_modules/**', 200);
  const files = found.filter((uri) => isDockerfileName(path.basename(uri.fsPath))).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  if (files.length === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('No Dockerfile in this workspace. Open one, or right-click a Dockerfile or its folder in the Explorer.'));
    return undefined;
  }
  if (files.length === 1) return files[0];
  const chosen = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: vscode.l10n.t('Build Image: which Dockerfile?') },
  );
  return chosen?.uri;
}

/** A folder stands for its Dockerfile (or Containerfile). */
async function fromUri(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
  const stat = await fs.stat(uri.fsPath);
  if (!stat.isDirectory()) return uri;
  const names = new Set(await fs.readdir(uri.fsPath));
  const name = FOLDER_DOCKERFILES.find((n) => names.has(n));
  if (name) return vscode.Uri.file(path.join(uri.fsPath, name));
  void vscode.window.showErrorMessage(vscode.l10n.t('{0} holds no Dockerfile or Containerfile.', uri.fsPath));
  return undefined;
}
