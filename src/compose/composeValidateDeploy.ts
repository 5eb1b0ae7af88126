import { isMap } from 'yaml';
import { DEPLOY_KEYS, DEPLOY_SWARM_ONLY, LIMITS_KEYS, RESERVATIONS_KEYS, RESOURCES_KEYS, RESTART_POLICY_KEYS } from './composeSchema';
import { parseNanoCpus } from './composeUnits';
import { scalarValue, ValidationContext, valueOf } from './composeValidateContext';
import { byteSize, integerIn } from './composeValidateSettings';
import { validateDeviceRequest } from './composeValidateSettingsParts';
import { MapEntry } from './composeYaml';

const RESTART_CONDITIONS = ['none', 'on-failure', 'any'];

/** `deploy`: what one engine applies is checked; what only swarm uses gets a warning that says so. */
export function validateDeploy(ctx: ValidationContext, entry: MapEntry, path: string): void {
  const map = ctx.map(entry, path);
  if (!map) return;
  for (const field of ctx.checkKeys(map, DEPLOY_KEYS, path)) {
    const sub = `${path}.${field.key}`;
    if (DEPLOY_SWARM_ONLY.includes(field.key)) {
      ctx.warn(field.keyNode, 'swarm-only', `${sub} only applies to swarm services; docker compose ignores it on a single engine, and so does Berth.`);
    } else if (field.key === 'replicas') {
      ctx.integer(field, sub, 0);
    } else if (field.key === 'mode') {
      const mode = ctx.string(field, sub);
      if (mode === 'global') ctx.warn(field, 'swarm-only', `${sub}: global runs one container per swarm node; on a single engine that is one container.`);
      else if (mode !== undefined && mode !== 'replicated') ctx.error(field, 'invalid-value', `${sub} must be replicated or global; got "${mode}".`);
    } else if (field.key === 'resources') {
      validateResources(ctx, field, sub);
    } else if (field.key === 'restart_policy') {
      validateRestartPolicy(ctx, field, sub);
    }
  }
}

function validateResources(ctx: ValidationContext, entry: MapEntry, path: string): void {
  const map = ctx.map(entry, path);
  if (!map) return;
  for (const group of ctx.checkKeys(map, RESOURCES_KEYS, path)) {
    const groupPath = `${path}.${group.key}`;
    const groupMap = ctx.map(group, groupPath);
    if (!groupMap) continue;
    const keys = group.key === 'limits' ? LIMITS_KEYS : RESERVATIONS_KEYS;
    for (const field of ctx.checkKeys(groupMap, keys, groupPath)) {
      const sub = `${groupPath}.${field.key}`;
      if (field.key === 'memory') byteSize(false)(ctx, field, sub);
      else if (field.key === 'pids') integerIn(-1, Number.MAX_SAFE_INTEGER)(ctx, field, sub);
      else if (field.key === 'cpus') {
        const value = scalarValue(valueOf(field));
        if ((typeof value !== 'number' && typeof value !== 'string') || parseNanoCpus(value) === undefined) {
          ctx.error(field, 'invalid-value', `${sub} must be a number of CPUs such as 0.5 or 2.`);
        } else if (group.key === 'reservations') {
          ctx.warn(field.keyNode, 'swarm-only', `${sub} is a swarm scheduling hint; docker compose ignores it on a single engine, and so does Berth.`);
        }
      } else if (field.key === 'generic_resources') {
        ctx.warn(field.keyNode, 'swarm-only', `${sub} only applies to swarm services; docker compose ignores it on a single engine, and so does Berth.`);
      } else if (field.key === 'devices') {
        const seq = ctx.seq(field, sub);
        if (seq) ctx.items(seq).forEach((item, i) => item && validateDeviceRequest(ctx, item, `${sub}[${i}]`, true));
      }
    }
  }
}

function validateRestartPolicy(ctx: ValidationContext, entry: MapEntry, path: string): void {
  const map = ctx.map(entry, path);
  if (!map || !isMap(map)) return;
  for (const field of ctx.checkKeys(map, RESTART_POLICY_KEYS, path)) {
    const sub = `${path}.${field.key}`;
    if (field.key === 'condition') {
      const condition = ctx.string(field, sub);
      if (condition !== undefined && !RESTART_CONDITIONS.includes(condition)) ctx.error(field, 'invalid-value', `${sub} must be one of ${RESTART_CONDITIONS.join(', ')}; got "${condition}".`);
    } else if (field.key === 'max_attempts') {
      ctx.integer(field, sub, 0);
    } else {
      ctx.warn(field.keyNode, 'swarm-only', `${sub} only applies to swarm services; the engine's restart policy has no ${field.key}, so it is ignored.`);
    }
  }
}
