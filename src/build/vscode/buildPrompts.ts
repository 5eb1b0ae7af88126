import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ParsedDockerfile } from '../dockerfileParse';
import { defaultImageTag } from '../dockerfileNames';
import { parseImageReference } from '../../images/imageReference';

/** What one build asks the engine for. */
export interface BuildPlan {
  dockerfile: string;
  context: string;
  tag: string;
  /** Only the arguments the user changed from the Dockerfile's defaults. */
  args: Record<string, string>;
  /** A stage name; undefined builds the final stage. */
  target?: string;
  noCache: boolean;
  pull: boolean;
}

/** Answers given as a command argument (CodeLens "Build stage", keybindings, tests) skip those prompts. */
export interface BuildPreset {
  tag?: string;
  target?: string;
  args?: Record<string, string>;
  noCache?: boolean;
  pull?: boolean;
}

interface Remembered {
  tag?: string;
  args?: Record<string, string>;
}

const memoryKey = (dockerfile: string): string => `berth.build.last:${dockerfile}`;

function validateTag(value: string): string | undefined {
  const parsed = parseImageReference(value.trim());
  if (!parsed.ok) return parsed.message;
  return parsed.ref.digest ? vscode.l10n.t('A build tag cannot contain a digest.') : undefined;
}

/**
 * Asks, in order: the tag (the last one used for this Dockerfile, else the folder's name), each ARG
 * (its default shown), the target stage when there are named ones, and the no-cache / pull toggles.
 * Undefined when the user cancels any step.
 */
export async function askBuildPlan(state: vscode.Memento, dockerfile: string, parsed: ParsedDockerfile, preset: BuildPreset = {}): Promise<BuildPlan | undefined> {
  const context = path.dirname(dockerfile);
  const remembered = state.get<Remembered>(memoryKey(dockerfile)) ?? {};
  const title = vscode.l10n.t('Build Image from {0}', path.basename(dockerfile));

  const tag =
    preset.tag ??
    (await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('Tag for the image, e.g. my-app:1.0 or registry.example.com/team/app:dev'),
      value: remembered.tag ?? defaultImageTag(path.basename(context)),
      validateInput: validateTag,
    }));
  if (tag === undefined) return undefined;
  const tagError = validateTag(tag);
  if (tagError) throw new Error(tagError);

  const args = preset.args ?? (await askArgs(title, parsed, remembered.args ?? {}));
  if (args === undefined) return undefined;

  const target = preset.target !== undefined || preset.tag !== undefined ? preset.target : await askTarget(title, parsed);
  if (target === null) return undefined;

  let noCache = preset.noCache ?? false;
  let pull = preset.pull ?? false;
  if (preset.noCache === undefined && preset.pull === undefined && preset.tag === undefined) {
    const options = await askOptions(title);
    if (options === undefined) return undefined;
    ({ noCache, pull } = options);
  }
  await state.update(memoryKey(dockerfile), { tag: tag.trim(), args } satisfies Remembered);
  return { dockerfile, context, tag: tag.trim(), args, target, noCache, pull };
}

async function askArgs(title: string, parsed: ParsedDockerfile, last: Record<string, string>): Promise<Record<string, string> | undefined> {
  const args: Record<string, string> = {};
  const seen = new Set<string>();
  const declared = parsed.args.filter((a) => !seen.has(a.name) && seen.add(a.name));
  for (const [index, arg] of declared.entries()) {
    const value = await vscode.window.showInputBox({
      title: `${title}: ${vscode.l10n.t('build argument {0} ({1}/{2})', arg.name, index + 1, declared.length)}`,
      prompt:
        arg.defaultValue === undefined
          ? vscode.l10n.t('{0} has no default in the Dockerfile; leave empty to leave it unset.', arg.name)
          : vscode.l10n.t('Default: "{0}". Keep it to use the Dockerfile\'s default.', arg.defaultValue),
      value: last[arg.name] ?? arg.defaultValue ?? '',
    });
    if (value === undefined) return undefined;
    const unchanged = arg.defaultValue === undefined ? value === '' : value === arg.defaultValue;
    if (!unchanged) args[arg.name] = value;
  }
  return args;
}

/** The chosen stage name, undefined for the final stage, null when cancelled. */
async function askTarget(title: string, parsed: ParsedDockerfile): Promise<string | undefined | null> {
  const named = parsed.stages.filter((s) => s.name !== undefined);
  if (parsed.stages.length < 2 || named.length === 0) return undefined;
  const final = parsed.stages[parsed.stages.length - 1];
  const items = [
    { label: vscode.l10n.t('Final stage'), description: final.name ?? final.image, target: undefined as string | undefined },
    ...named.filter((s) => s !== final).map((s) => ({ label: s.name ?? '', description: `FROM ${s.image} · line ${s.line + 1}`, target: s.name })),
  ];
  const chosen = await vscode.window.showQuickPick(items, { title: `${title}: ${vscode.l10n.t('target stage')}` });
  return chosen ? chosen.target : null;
}

async function askOptions(title: string): Promise<{ noCache: boolean; pull: boolean } | undefined> {
  const items = [
    { label: vscode.l10n.t('No cache'), description: vscode.l10n.t('run every step again (--no-cache)'), id: 'noCache' },
    { label: vscode.l10n.t('Pull base images'), description: vscode.l10n.t('look for newer base images (--pull)'), id: 'pull' },
  ];
  const chosen = await vscode.window.showQuickPick(items, {
    title: `${title}: ${vscode.l10n.t('options (Enter to build)')}`,
    canPickMany: true,
  });
  if (!chosen) return undefined;
  return { noCache: chosen.some((c) => c.id === 'noCache'), pull: chosen.some((c) => c.id === 'pull') };
}
