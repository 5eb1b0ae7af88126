import type { EngineClient } from '../engine/engineClient';
import type { NetworkCreateSpec } from '../engine/engineTypes';
import { abortError } from '../engine/actionErrors';
import { engineErrorMessage } from '../engine/engineErrors';
import { containerSpec } from './composeContainerSpec';
import { ignoreNotModified, stopAndRemove } from './composeContainerOps';
import { readComposeState } from './composeEngineState';
import { ensureImages, readImageIds } from './composeImages';
import type { RegistryAuth } from '../registry/registryAuth';
import { networkLabels, volumeLabels } from './composeLabels';
import { applyNetworkOptions } from './composeNetworkOptions';
import { LoadedCompose } from './composeLoad';
import { ComposeDependency, ComposeProject, ComposeService } from './composeModelTypes';
import { markImageChanges } from './composePlanImages';
import { planUp, UpOptions } from './composePlan';
import { ContainerAction, ContainerActionKind, ExistingContainer, ServicePlan, UpPlan } from './composePlanTypes';
import { assertDeployable, ComposeApplyError, ComposeProgressListener } from './composeProgress';
import { runPostStartHooks, runPreStopHooks } from './composeHooks';
import { tarFiles } from './composeTar';
import { waitCompleted, waitHealthy } from './composeWait';

export interface ApplyUpOptions extends UpOptions {
  signal?: AbortSignal;
  onProgress?: ComposeProgressListener;
  /** How long `service_healthy` and `service_completed_successfully` wait. Default 120 s. */
  dependencyTimeoutMs?: number;
  /** Rebuild services with `build` even when their image exists. */
  build?: boolean;
  /** Seconds to wait for containers to stop; by default each container's own (its stop_grace_period, else 10). */
  stopTimeoutSeconds?: number;
  /** Credentials for pulls (see resolveRegistryAuth); anonymous without it. */
  registryAuth?(registry: string | undefined): Promise<RegistryAuth | undefined>;
}

export interface AppliedAction {
  service: string;
  kind: ContainerActionKind;
  name: string;
  reason?: string;
}

export interface ApplyUpResult {
  plan: UpPlan;
  /** What was done, noops left out: empty for an unchanged project. */
  applied: AppliedAction[];
  /** Containers of services no longer in the files; left alone, for the caller to offer removal. */
  orphans: ExistingContainer[];
}

class DependencyFailed extends Error {}

/**
 * `up -d` through the engine API: validate, plan, pull/build, create networks and volumes, then run
 * each service as soon as what it depends on is ready, so independent services go in parallel.
 */
export async function applyUp(client: EngineClient, loaded: LoadedCompose, options: ApplyUpOptions = {}): Promise<ApplyUpResult> {
  assertDeployable(loaded);
  const { project } = loaded;
  const report = options.onProgress ?? ((): void => undefined);
  const checkAbort = (): void => {
    if (options.signal?.aborted) throw abortError('The deploy was cancelled.');
  };

  const [state, initialIds] = await Promise.all([readComposeState(client, project.name), readImageIds(client)]);
  const plan = planUp(project, state, options);
  if (plan.problems.length > 0) throw new ComposeApplyError(`Cannot deploy "${project.name}": ${plan.problems.join(' ')}`, undefined, plan.problems);
  checkAbort();

  const planned = plan.levels.flat();
  const services = planned.map((p) => project.services[p.service]);
  const needsContainers = (p: ServicePlan): boolean => p.actions.some((a) => a.kind !== 'remove');
  const imagesChanged = await ensureImages(client, services.filter((s) => needsContainers(plan.levels.flat().find((p) => p.service === s.name)!)), initialIds, {
    build: options.build,
    signal: options.signal,
    auth: options.registryAuth,
    onStep: (service, step) => report({ service, step: step.startsWith('pull') ? 'pull' : 'build', message: imageStepText(step, project.services[service].image) }),
    onPull: (service, status) => report({ service, step: 'pull', message: `Pulling ${project.services[service].image}: ${status.message}` }),
    onBuild: (service, line) => report({ service, step: 'build', message: line }),
  });
  const ids = imagesChanged ? await readImageIds(client) : initialIds;
  markImageChanges(plan, project, state, ids);
  checkAbort();

  await Promise.all([
    ...plan.networksToCreate.map(async (step) => {
      report({ step: 'network', message: `Creating network ${step.name}` });
      await createNetwork(client, project, step.key);
    }),
    ...plan.volumesToCreate.map(async (step) => {
      report({ step: 'volume', message: `Creating volume ${step.name}` });
      const volume = project.volumes[step.key];
      await client.createVolume({ Name: volume.name, Driver: volume.driver ?? 'local', DriverOpts: volume.driverOpts, Labels: volumeLabels(project, step.key) });
    }),
  ]).catch((err: unknown) => {
    throw new ComposeApplyError(engineErrorMessage(err));
  });

  const applied: AppliedAction[] = [];
  const byService = new Map(planned.map((p) => [p.service, p]));
  const tasks = new Map<string, Promise<string[]>>();
  const conditions = new Map<string, Promise<void>>();
  const timeoutMs = options.dependencyTimeoutMs ?? 120_000;

  const ready = (dep: string, settings: ComposeDependency, containerIds: string[]): Promise<void> => {
    const key = `${dep}\0${settings.condition}`;
    let wait = conditions.get(key);
    if (!wait) {
      const waitOne = settings.condition === 'service_healthy' ? waitHealthy : settings.condition === 'service_completed_successfully' ? waitCompleted : undefined;
      if (waitOne) report({ service: dep, step: 'wait', message: settings.condition === 'service_healthy' ? 'Waiting until healthy' : 'Waiting until it completes' });
      wait = waitOne ? Promise.all(containerIds.map((id) => waitOne(client, dep, id, { timeoutMs, signal: options.signal, onNote: (message) => report({ service: dep, step: 'wait', message }) }))).then(() => undefined) : Promise.resolve();
      conditions.set(key, wait);
    }
    return wait;
  };

  const run = (name: string): Promise<string[]> => {
    let task = tasks.get(name);
    if (task) return task;
    task = (async (): Promise<string[]> => {
      const service = project.services[name];
      for (const [dep, settings] of Object.entries(service.dependsOn)) {
        if (!byService.has(dep)) continue;
        let depIds: string[];
        try {
          depIds = await run(dep);
        } catch (err) {
          throw new DependencyFailed(`Service "${name}" was not started because "${dep}" failed.`, { cause: err });
        }
        try {
          await ready(dep, settings, depIds);
        } catch (err) {
          if ((err as Error).name === 'AbortError') throw err;
          throw new DependencyFailed((err as Error).message, { cause: err });
        }
      }
      checkAbort();
      const plan = byService.get(name)!;
      const results = await Promise.all(plan.actions.map((action) => runAction(client, project, service, plan, action, options.stopTimeoutSeconds, report, options.signal)));
      for (const action of plan.actions) if (action.kind !== 'noop') applied.push({ service: name, kind: action.kind, name: action.name, reason: action.reason });
      report({ service: name, step: plan.actions.every((a) => a.kind === 'noop') ? 'unchanged' : 'done', message: summary(plan) });
      return results.filter((id): id is string => id !== undefined);
    })();
    tasks.set(name, task);
    return task;
  };

  const outcomes = await Promise.allSettled(planned.map((p) => run(p.service)));
  checkAbort();
  const failures = outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [{ service: planned[i].service, err: outcome.reason as Error }] : []));
  if (failures.length > 0) {
    const root = failures.find((f) => !(f.err instanceof DependencyFailed)) ?? failures[0];
    for (const f of failures) report({ service: f.service, step: 'failed', message: failureText(f.service, f.err) });
    throw new ComposeApplyError(failureText(root.service, root.err), root.service, failures.map((f) => failureText(f.service, f.err)));
  }
  return { plan, applied, orphans: plan.orphans };
}

function imageStepText(step: string, image: string): string {
  return { pulling: `Pulling ${image}`, pulled: `Pulled ${image}`, building: `Building ${image}`, built: `Built ${image}` }[step] ?? step;
}

function failureText(service: string, err: Error): string {
  if (err instanceof DependencyFailed || err instanceof ComposeApplyError) return err.message;
  const reason = engineErrorMessage(err);
  return reason.includes(`"${service}"`) ? reason : `Service "${service}": ${reason}`;
}

function summary(plan: ServicePlan): string {
  const counts = new Map<string, number>();
  for (const action of plan.actions) counts.set(action.kind, (counts.get(action.kind) ?? 0) + 1);
  if (counts.size === 1 && counts.has('noop')) return 'Unchanged';
  const words: Record<string, string> = { create: 'created', recreate: 'recreated', start: 'started', restart: 'restarted', remove: 'removed', noop: 'unchanged' };
  return [...counts].map(([kind, n]) => `${n} ${words[kind]}`).join(', ');
}

async function createNetwork(client: EngineClient, project: ComposeProject, key: string): Promise<void> {
  const network = project.networks[key];
  const options: NetworkCreateSpec = {
    Name: network?.name ?? `${project.name}_${key}`,
    Driver: network?.driver ?? 'bridge',
    Internal: network?.internal ?? false,
    Attachable: network?.attachable ?? false,
    CheckDuplicate: true,
    Labels: networkLabels(project, key),
  };
  if (network && network.subnets.length > 0) options.IPAM = { Driver: 'default', Config: network.subnets.map((Subnet) => ({ Subnet })) };
  if (network) applyNetworkOptions(network, options);
  await client.createNetwork(options);
}

async function runAction(
  client: EngineClient,
  project: ComposeProject,
  service: ComposeService,
  plan: ServicePlan,
  action: ContainerAction,
  stopTimeout: number | undefined,
  report: ComposeProgressListener,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  const say = (step: ContainerActionKind | 'start', message: string): void => report({ service: service.name, step: step === 'noop' ? 'unchanged' : step, message });
  switch (action.kind) {
    case 'noop':
      return action.containerId;
    case 'start':
      say('start', `Starting ${action.name}`);
      await ignoreNotModified(client.startContainer(action.containerId!));
      await runPostStartHooks(client, service, action.containerId!, report);
      return action.containerId;
    case 'restart':
      say('restart', `Restarting ${action.name} (${action.reason})`);
      await client.restartContainer(action.containerId!, stopTimeout);
      return action.containerId;
    case 'remove':
      say('remove', `Removing ${action.name} (${action.reason})`);
      await runPreStopHooks(client, service, action.containerId!, report);
      await stopAndRemove(client, action.containerId!, stopTimeout, false);
      return undefined;
    case 'create': {
      say('create', `Creating ${action.name}`);
      const id = await createAndStart(client, project, service, plan, action, signal);
      await runPostStartHooks(client, service, id, report);
      return id;
    }
    case 'recreate': {
      say('recreate', `Recreating ${action.name} (${action.reason})`);
      const old = action.containerId!;
      const oldInfo = await client.inspectContainer(old);
      const oldName = oldInfo.Name.replace(/^\//, '');
      await runPreStopHooks(client, service, action.containerId!, report);
      await ignoreNotModified(client.stopContainer(old, stopTimeout));
      // Renamed rather than removed first, so a failed create can put the old container back.
      await client.renameContainer(old, `${old.slice(0, 12)}_${oldName}`);
      let id: string;
      try {
        id = await createAndStart(client, project, service, plan, action, signal);
      } catch (err) {
        await client.renameContainer(old, oldName).catch(() => undefined);
        if (oldInfo.State.Running) await client.startContainer(old).catch(() => undefined);
        throw err;
      }
      await client.removeContainer(old, { force: true }).catch(() => undefined);
      await runPostStartHooks(client, service, id, report);
      return id;
    }
  }
}

async function createAndStart(
  client: EngineClient,
  project: ComposeProject,
  service: ComposeService,
  plan: ServicePlan,
  action: ContainerAction,
  signal: AbortSignal | undefined,
): Promise<string> {
  if (signal?.aborted) throw abortError('The deploy was cancelled.');
  const spec = containerSpec(project, service, action.name, action.number, plan.configHash);
  const id = await client.createContainer(spec.create);
  if (spec.files.length > 0) {
    const archive = tarFiles(spec.files.map((file) => ({ path: file.target.replace(/^\/+/, ''), content: file.content ?? '' })));
    await client.putArchive(id, '/', archive);
  }
  for (const network of spec.extraNetworks) {
    await client.connectNetwork(network.name, id, network.config);
  }
  await client.startContainer(id);
  return id;
}
