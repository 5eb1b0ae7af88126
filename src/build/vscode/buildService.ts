import * as path from 'node:path';
import type { EngineClient } from '../../engine/engineClient';
import * as vscode from 'vscode';
import { BuildInterruptedError } from '../buildFailure';
import { BuildStepError, dockerfileErrorLine } from '../buildSteps';
import { heredocInstructions, instructionForStep, ParsedDockerfile } from '../dockerfileParse';
import { baseImageRegistries } from '../baseImages';
import { buildImage } from '../imageBuild';
import { readDockerConfigText, resolveRegistryAuth } from '../../registry/credentialHelper';
import type { RegistryAuth } from '../../registry/registryAuth';
import { engineErrorMessage } from '../../engine/engineErrors';
import { formatBytes } from '../../workbench/format';
import type { BuildPlan } from './buildPrompts';
import { DockerfileCodeLensProvider, DOCKERFILE_SELECTOR } from './dockerfileCodeLens';
import { trackDockerfileFolders } from './dockerfileFolders';

const CLASSIC_BUILDER_NOTE =
  'Berth builds with the engine\'s classic builder, which has no BuildKit features: RUN --mount (cache and secret mounts), heredocs, COPY --chmod/--link, multi-platform builds.';

/** Builds Dockerfiles: the "Berth: Build" output, the progress notification, and failures as diagnostics on the Dockerfile. */
export class BuildService implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Berth: Build');
  readonly diagnostics = vscode.languages.createDiagnosticCollection('berth.build');
  private readonly disposables: vscode.Disposable[] = [this.output, this.diagnostics];

  constructor() {
    const lenses = new DockerfileCodeLensProvider();
    this.disposables.push(lenses, vscode.languages.registerCodeLensProvider(DOCKERFILE_SELECTOR, lenses), trackDockerfileFolders());
  }

  /** Refuses what the classic builder cannot read, before anything is sent: a diagnostic on each line. */
  checkClassicBuilder(dockerfile: vscode.Uri, parsed: ParsedDockerfile): boolean {
    const heredocs = heredocInstructions(parsed);
    if (heredocs.length === 0) return true;
    this.diagnostics.set(
      dockerfile,
      heredocs.map((i) => this.diagnostic(i.startLine, i.endLine, `Heredocs (<<EOF) need BuildKit. ${CLASSIC_BUILDER_NOTE}`)),
    );
    void vscode.window.showErrorMessage(`${path.basename(dockerfile.fsPath)} line ${heredocs[0].startLine + 1} uses a heredoc, which needs BuildKit. ${CLASSIC_BUILDER_NOTE}`);
    return false;
  }

  /** Runs one build with cancellable progress; failures are reported here, never thrown. */
  /** `engineName` names the engine in the progress title where several engines are open. */
  async run(client: EngineClient, plan: BuildPlan, parsed: ParsedDockerfile, engineName?: string): Promise<boolean> {
    const uri = vscode.Uri.file(plan.dockerfile);
    this.diagnostics.delete(uri);
    this.output.show(true);
    const options = [plan.target && `target ${plan.target}`, ...Object.keys(plan.args).map((k) => `${k}=${plan.args[k]}`), plan.noCache && 'no cache', plan.pull && 'pull'].filter(Boolean);
    this.output.appendLine(`\n=== Building ${plan.tag} from ${plan.dockerfile}${options.length ? ` (${options.join(', ')})` : ''}`);
    const registryConfig = await this.credentials(parsed, plan);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: engineName ? vscode.l10n.t('Building {0} on {1}', plan.tag, engineName) : vscode.l10n.t('Building {0}', plan.tag), cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const cancel = token.onCancellationRequested(() => abort.abort());
        let reportedAt = 0;
        let lastStep = 0;
        try {
          await buildImage(client, {
            context: plan.context,
            dockerfile: path.basename(plan.dockerfile),
            tag: plan.tag,
            args: plan.args,
            target: plan.target,
            noCache: plan.noCache,
            pull: plan.pull,
            registryConfig,
            signal: abort.signal,
            onOutput: (line) => this.output.appendLine(line),
            onContextBytes: (bytes) => {
              // A report per chunk would flood the notification; a few a second read as live.
              if (Date.now() - reportedAt < 250) return;
              reportedAt = Date.now();
              progress.report({ message: vscode.l10n.t('sending the context: {0}', formatBytes(bytes)) });
            },
            onStep: (step) => {
              const increment = step.number > lastStep ? ((step.number - lastStep) / step.total) * 100 : undefined;
              lastStep = step.number;
              progress.report({ message: `Step ${step.number}/${step.total}: ${step.instruction.slice(0, 80)}`, increment });
            },
          });
          this.output.appendLine(`=== Built ${plan.tag}`);
          void vscode.window.showInformationMessage(vscode.l10n.t('Built {0}.', plan.tag));
          return true;
        } catch (err) {
          this.report(err, uri, plan, parsed);
          return false;
        } finally {
          cancel.dispose();
        }
      },
    );
  }

  /** As `docker build` does: the stored credentials of each registry a base image comes from; never logged. */
  private async credentials(parsed: ParsedDockerfile, plan: BuildPlan): Promise<Record<string, RegistryAuth>> {
    const config: Record<string, RegistryAuth> = {};
    const dockerConfig = readDockerConfigText();
    for (const registry of baseImageRegistries(parsed, plan.args)) {
      const { auth, warning } = await resolveRegistryAuth(registry, dockerConfig);
      if (warning) this.output.appendLine(`${warning} Base images from ${registry ?? 'Docker Hub'} are pulled without stored credentials.`);
      if (auth) config[auth.serveraddress] = auth;
    }
    return config;
  }

  private report(err: unknown, uri: vscode.Uri, plan: BuildPlan, parsed: ParsedDockerfile): void {
    if ((err as Error).name === 'AbortError') {
      this.output.appendLine(`=== Build of ${plan.tag} cancelled`);
      return;
    }
    let reason = engineErrorMessage(err);
    if (/requires BuildKit/i.test(reason)) reason = `${reason.replace(/\s+/g, ' ').trim()} ${CLASSIC_BUILDER_NOTE}`;
    const name = path.basename(plan.dockerfile);
    let where = '';
    const step = err instanceof BuildStepError ? err.step : undefined;
    const instruction = step ? instructionForStep(parsed, step.number) : undefined;
    if (step && instruction) {
      this.diagnostics.set(uri, [this.diagnostic(instruction.startLine, instruction.endLine, `Step ${step.number}/${step.total} failed: ${reason}`)]);
      where = ` at step ${step.number}/${step.total} (${name}:${instruction.startLine + 1}: ${instruction.keyword} ${instruction.args.slice(0, 60)})`;
    } else {
      const line = dockerfileErrorLine(reason);
      if (line !== undefined) {
        this.diagnostics.set(uri, [this.diagnostic(line - 1, line - 1, reason)]);
        where = ` (${name}:${line})`;
      }
    }
    this.output.appendLine(`=== Build of ${plan.tag} failed${where}: ${reason}`);
    if (err instanceof BuildInterruptedError) {
      void err.cleanup.then((removed) => {
        if (removed.length > 0) this.output.appendLine(`Removed ${removed.length} container(s) the interrupted build left: ${removed.join(', ')}`);
      });
    }
    const show = vscode.l10n.t('Show Output');
    void vscode.window.showErrorMessage(vscode.l10n.t('Build of {0} failed{1}: {2}', plan.tag, where, reason), show).then((choice) => {
      if (choice === show) this.output.show();
    });
  }

  private diagnostic(startLine: number, endLine: number, message: string): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(new vscode.Range(startLine, 0, endLine, Number.MAX_SAFE_INTEGER), message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'Berth build';
    return diagnostic;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
