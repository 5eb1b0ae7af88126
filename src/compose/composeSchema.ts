/** The keys one kind of compose mapping may hold: what Berth handles, and what compose knows but Berth ignores. */
export interface KeySet {
  /** Names the mapping in messages, e.g. `service "web"`. */
  readonly what: string;
  readonly supported: readonly string[];
  readonly unsupported: readonly string[];
}

export const TOP_LEVEL_KEYS: KeySet = {
  what: 'the compose file',
  supported: ['name', 'services', 'networks', 'volumes', 'version', 'include', 'secrets', 'configs'],
  unsupported: ['models'],
};

export const SERVICE_KEYS: KeySet = {
  what: 'service',
  supported: [
    'image', 'build', 'command', 'entrypoint', 'environment', 'env_file', 'ports', 'volumes', 'networks',
    'depends_on', 'restart', 'labels', 'container_name', 'healthcheck', 'working_dir', 'user', 'hostname',
    'extra_hosts', 'cap_add', 'cap_drop', 'privileged', 'tty', 'stdin_open', 'init', 'mem_limit', 'cpus',
    'deploy', 'profiles', 'extends',
    // Read by composeModelSettings and checked by composeValidateSettings.
    'annotations', 'attach', 'blkio_config', 'cgroup', 'cgroup_parent', 'configs', 'cpu_count', 'cpu_percent',
    'cpu_period', 'cpu_quota', 'cpu_rt_period', 'cpu_rt_runtime', 'cpu_shares', 'cpuset', 'device_cgroup_rules',
    'devices', 'dns', 'dns_opt', 'dns_search', 'domainname', 'expose', 'external_links', 'gpus', 'group_add',
    'ipc', 'isolation', 'links', 'logging', 'mac_address', 'mem_reservation', 'mem_swappiness', 'memswap_limit',
    'network_mode', 'oom_kill_disable', 'oom_score_adj', 'pid', 'pids_limit', 'platform', 'pull_policy',
    'read_only', 'runtime', 'scale', 'secrets', 'security_opt', 'shm_size', 'stop_grace_period', 'stop_signal',
    'storage_opt', 'sysctls', 'tmpfs', 'ulimits', 'userns_mode', 'uts', 'volumes_from', 'label_file',
    'post_start', 'pre_stop',
  ],
  unsupported: [
    'credential_spec', 'develop', 'driver_opts', 'models', 'pre_start',
    'provider', 'use_api_socket',
  ],
};

export const BUILD_KEYS: KeySet = {
  what: 'build',
  supported: ['context', 'dockerfile', 'args', 'target'],
  unsupported: [
    'additional_contexts', 'cache_from', 'cache_to', 'dockerfile_inline', 'entitlements', 'extra_hosts',
    'isolation', 'labels', 'network', 'no_cache', 'no_cache_filter', 'platforms', 'privileged', 'provenance', 'pull', 'sbom',
    'secrets', 'shm_size', 'ssh', 'tags', 'ulimits',
  ],
};

export const HEALTHCHECK_KEYS: KeySet = {
  what: 'healthcheck',
  supported: ['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval', 'disable'],
  unsupported: [],
};

/** Keys of `deploy` that configure swarm services; on one engine compose ignores them. */
export const DEPLOY_SWARM_ONLY: readonly string[] = ['endpoint_mode', 'labels', 'placement', 'rollback_config', 'update_config'];

export const DEPLOY_KEYS: KeySet = {
  what: 'deploy',
  supported: ['replicas', 'mode', 'resources', 'restart_policy', ...DEPLOY_SWARM_ONLY],
  unsupported: [],
};

export const RESOURCES_KEYS: KeySet = { what: 'resources', supported: ['limits', 'reservations'], unsupported: [] };
export const LIMITS_KEYS: KeySet = { what: 'limits', supported: ['cpus', 'memory', 'pids'], unsupported: [] };
export const RESERVATIONS_KEYS: KeySet = { what: 'reservations', supported: ['cpus', 'memory', 'devices', 'generic_resources'], unsupported: [] };
export const DEVICE_REQUEST_KEYS: KeySet = { what: 'device request', supported: ['capabilities', 'driver', 'count', 'device_ids', 'options'], unsupported: [] };
export const RESTART_POLICY_KEYS: KeySet = { what: 'restart_policy', supported: ['condition', 'max_attempts', 'delay', 'window'], unsupported: [] };
export const ULIMIT_KEYS: KeySet = { what: 'ulimit', supported: ['soft', 'hard'], unsupported: [] };
export const LOGGING_KEYS: KeySet = { what: 'logging', supported: ['driver', 'options'], unsupported: [] };
export const DEVICE_KEYS: KeySet = { what: 'device', supported: ['source', 'target', 'permissions'], unsupported: [] };
export const BLKIO_KEYS: KeySet = {
  what: 'blkio_config',
  supported: ['weight', 'weight_device', 'device_read_bps', 'device_write_bps', 'device_read_iops', 'device_write_iops'],
  unsupported: [],
};
export const SERVICE_FILE_MOUNT_KEYS: KeySet = { what: 'secret or config', supported: ['source', 'target', 'uid', 'gid', 'mode'], unsupported: [] };
export const SECRET_KEYS: KeySet = {
  what: 'secret',
  supported: ['file', 'environment', 'external', 'name'],
  unsupported: ['driver', 'driver_opts', 'labels', 'template_driver'],
};
export const CONFIG_KEYS: KeySet = {
  what: 'config',
  supported: ['file', 'environment', 'content', 'external', 'name'],
  unsupported: ['driver', 'driver_opts', 'labels', 'template_driver'],
};
export const HOOK_KEYS: KeySet = { what: 'hook', supported: ['command', 'user', 'privileged', 'working_dir', 'environment'], unsupported: [] };
export const PULL_POLICIES: readonly string[] = ['always', 'never', 'missing', 'if_not_present', 'build', 'daily', 'weekly'];

export const DEPENDS_ON_KEYS: KeySet = {
  what: 'depends_on entry',
  supported: ['condition', 'restart', 'required'],
  unsupported: [],
};

export const SERVICE_NETWORK_KEYS: KeySet = {
  what: 'service network',
  supported: ['aliases', 'ipv4_address', 'ipv6_address', 'link_local_ips', 'mac_address', 'priority', 'driver_opts'],
  // Engine API 1.48 and later only.
  unsupported: ['gw_priority', 'interface_name'],
};

export const PORT_KEYS: KeySet = {
  what: 'port',
  supported: ['target', 'published', 'host_ip', 'protocol', 'mode'],
  unsupported: ['app_protocol', 'name'],
};

export const SERVICE_VOLUME_KEYS: KeySet = {
  what: 'volume mount',
  // consistency only matters to Docker Desktop on macOS; a Linux engine ignores it.
  supported: ['type', 'source', 'target', 'read_only', 'bind', 'volume', 'tmpfs', 'consistency'],
  unsupported: ['image'],
};

export const ENV_FILE_KEYS: KeySet = {
  what: 'env_file entry',
  supported: ['path', 'required'],
  unsupported: ['format'],
};

export const NETWORK_KEYS: KeySet = {
  what: 'network',
  supported: ['driver', 'external', 'name', 'internal', 'attachable', 'ipam', 'labels', 'driver_opts', 'enable_ipv6'],
  // Engine API 1.48 and later only.
  unsupported: ['enable_ipv4'],
};

export const IPAM_KEYS: KeySet = {
  what: 'ipam',
  supported: ['config', 'driver', 'options'],
  unsupported: [],
};

export const IPAM_CONFIG_KEYS: KeySet = {
  what: 'ipam config entry',
  supported: ['subnet', 'gateway', 'ip_range', 'aux_addresses'],
  unsupported: [],
};

export const VOLUME_KEYS: KeySet = {
  what: 'volume',
  supported: ['driver', 'external', 'name', 'labels', 'driver_opts'],
  unsupported: [],
};

export type KeyStatus = 'supported' | 'unsupported' | 'extension' | 'unknown';

export function keyStatus(keys: KeySet, key: string): KeyStatus {
  if (keys.supported.includes(key)) return 'supported';
  if (keys.unsupported.includes(key)) return 'unsupported';
  // Compose ignores `x-` keys so files can carry their own data (often anchors).
  if (key.startsWith('x-')) return 'extension';
  return 'unknown';
}

export const RESTART_POLICIES: readonly string[] = ['no', 'always', 'on-failure', 'unless-stopped'];
export const DEPENDS_ON_CONDITIONS: readonly string[] = ['service_started', 'service_healthy', 'service_completed_successfully'];
export const SERVICE_NAME = /^[a-zA-Z0-9._-]+$/;
export const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
export const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;
export const PROFILE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
