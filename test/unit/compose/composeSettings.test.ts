import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerSpec } from '../../../src/compose/composeContainerSpec';
import { serviceConfigHash } from '../../../src/compose/composeHash';
import { loadComposeProject, LoadedCompose } from '../../../src/compose/composeLoad';
import { planUp } from '../../../src/compose/composePlan';
import { markImageChanges } from '../../../src/compose/composePlanImages';

const FILE = '/p/stack/compose.yaml';

function load(yaml: string, extra: Record<string, string> = {}, env: Record<string, string> = {}): LoadedCompose {
  const files: Record<string, string> = { [FILE]: yaml, ...extra };
  return loadComposeProject({ files: [FILE], env, projectName: 'stack', homeDir: '/home/tester', readFile: (f) => files[f] });
}

function errorsOf(loaded: LoadedCompose): string[] {
  return loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
}

const KITCHEN = `
services:
  app:
    image: busybox
    expose: ["80", "9000-9001/udp"]
    read_only: true
    security_opt: ["no-new-privileges:true"]
    tmpfs: ["/run", "/tmp:size=64m,mode=1777"]
    sysctls: { net.core.somaxconn: 1024 }
    dns: 10.0.0.53
    dns_search: [corp.test]
    dns_opt: [ndots:2]
    stop_signal: SIGINT
    stop_grace_period: 1m30s
    platform: linux/amd64
    ulimits:
      nproc: 512
      nofile: { soft: 1024, hard: 2048 }
    runtime: runc
    pids_limit: 50
    logging:
      driver: json-file
      options: { max-size: 10m }
    memswap_limit: -1
    mem_reservation: 64m
    mem_swappiness: 10
    oom_score_adj: -500
    shm_size: 128m
    devices: ["/dev/null:/dev/xnull:r", { source: /dev/zero, target: /dev/xzero, permissions: rw }]
    ipc: shareable
    cgroup: private
    group_add: [audio, 44]
    mac_address: 02:42:ac:11:00:99
    annotations: { com.example.note: kept }
    domainname: corp.test
    storage_opt: { size: 1G }
    blkio_config:
      weight: 300
      device_read_bps: [{ path: /dev/sda, rate: 12mb }]
    cpu_shares: 512
    cpu_period: 100ms
    cpu_quota: 50000
    cpuset: "0"
    healthcheck:
      test: ["CMD", "true"]
      start_interval: 2s
    deploy:
      resources:
        limits: { cpus: "0.5", memory: 256m, pids: 64 }
        reservations: { memory: 32m }
      restart_policy: { condition: on-failure, max_attempts: 3 }
`;

describe('single-engine service keys in the create request', () => {
  it('maps each key to the HostConfig and Config fields docker compose sets', () => {
    const loaded = load(KITCHEN);
    assert.deepEqual(errorsOf(loaded), []);
    const { create } = containerSpec(loaded.project, loaded.project.services.app, 'stack-app-1', 1, 'h');
    const host = create.HostConfig as Record<string, unknown>;
    assert.deepEqual(create.ExposedPorts, { '80/tcp': {}, '9000/udp': {}, '9001/udp': {} });
    assert.equal(host.ReadonlyRootfs, true);
    assert.deepEqual(host.SecurityOpt, ['no-new-privileges:true']);
    assert.deepEqual(host.Tmpfs, { '/run': '', '/tmp': 'size=64m,mode=1777' });
    assert.deepEqual(host.Sysctls, { 'net.core.somaxconn': '1024' });
    assert.deepEqual(host.Dns, ['10.0.0.53']);
    assert.deepEqual(host.DnsSearch, ['corp.test']);
    assert.deepEqual(host.DnsOptions, ['ndots:2']);
    assert.equal(create.StopSignal, 'SIGINT');
    assert.equal(create.StopTimeout, 90);
    assert.equal(create.platform, 'linux/amd64');
    assert.deepEqual(host.Ulimits, [
      { Name: 'nproc', Soft: 512, Hard: 512 },
      { Name: 'nofile', Soft: 1024, Hard: 2048 },
    ]);
    assert.equal(host.Runtime, 'runc');
    // deploy.resources.limits.pids wins over pids_limit, as compose applies the limits last.
    assert.equal(host.PidsLimit, 64);
    assert.deepEqual(host.LogConfig, { Type: 'json-file', Config: { 'max-size': '10m' } });
    assert.equal(host.MemorySwap, -1);
    assert.equal(host.MemoryReservation, 32 * 1024 ** 2);
    assert.equal(host.MemorySwappiness, 10);
    assert.equal(host.OomScoreAdj, -500);
    assert.equal(host.ShmSize, 128 * 1024 ** 2);
    assert.deepEqual(host.Devices, [
      { PathOnHost: '/dev/null', PathInContainer: '/dev/xnull', CgroupPermissions: 'r' },
      { PathOnHost: '/dev/zero', PathInContainer: '/dev/xzero', CgroupPermissions: 'rw' },
    ]);
    assert.equal(host.IpcMode, 'shareable');
    assert.equal(host.CgroupnsMode, 'private');
    assert.deepEqual(host.GroupAdd, ['audio', '44']);
    assert.equal(create.MacAddress, '02:42:ac:11:00:99');
    assert.deepEqual(host.Annotations, { 'com.example.note': 'kept' });
    assert.equal(create.Domainname, 'corp.test');
    assert.deepEqual(host.StorageOpt, { size: '1G' });
    assert.equal(host.BlkioWeight, 300);
    assert.deepEqual(host.BlkioDeviceReadBps, [{ Path: '/dev/sda', Rate: 12 * 1024 ** 2 }]);
    assert.equal(host.CpuShares, 512);
    assert.equal(host.CpuPeriod, 100_000);
    assert.equal(host.CpuQuota, 50_000);
    assert.equal(host.CpusetCpus, '0');
    assert.equal(host.Memory, 256 * 1024 ** 2);
    assert.equal(host.NanoCpus, 500_000_000);
    assert.deepEqual(host.RestartPolicy, { Name: 'on-failure', MaximumRetryCount: 3 });
    assert.equal((create.Healthcheck as Record<string, unknown>).StartInterval, 2e9);
  });

  it('leaves the config hash of a service without these keys as it was, so upgrading Berth recreates nothing', () => {
    const yaml = `services:
  app:
    image: nginx:1.25
    command: ["nginx", "-g", "daemon off;"]
    environment:
      A: "1"
    ports: ["8080:80"]
    volumes: ["data:/srv"]
    networks:
      front:
        aliases: [web]
        ipv4_address: 172.28.0.10
    healthcheck:
      test: ["CMD", "true"]
      interval: 5s
    mem_limit: 64m
    cpus: 0.5
    restart: always
    extra_hosts: ["db:10.0.0.5"]
networks:
  front:
    ipam:
      config:
        - subnet: 172.28.0.0/16
volumes:
  data:
`;
    const loaded = load(yaml);
    assert.deepEqual(loaded.diagnostics, []);
    assert.equal(loaded.project.services.app.settings, undefined);
    // Computed by the Berth release before these keys were applied (commit 185c4c4).
    assert.equal(serviceConfigHash(loaded.project.services.app), '3af31d18d53b82490f34b51fef3919f7f98eb70202ae086503751adf3856df00');
    const changed = load(yaml.replace('    restart: always\n', '    restart: always\n    read_only: true\n'));
    assert.notEqual(serviceConfigHash(changed.project.services.app), serviceConfigHash(loaded.project.services.app));
    // pull_policy only decides how the image is fetched, as compose leaves it out of its hash too.
    const pulled = load(yaml.replace('    restart: always\n', '    restart: always\n    pull_policy: always\n'));
    assert.equal(serviceConfigHash(pulled.project.services.app), serviceConfigHash(loaded.project.services.app));
  });

  it('joins another service network namespace by its first container and depends on it', () => {
    const loaded = load(`
services:
  vpn:
    image: busybox
  app:
    image: busybox
    network_mode: service:vpn
    ipc: service:vpn
    volumes_from: [vpn:ro, container:outside]
  hosted:
    image: busybox
    network_mode: host
`);
    assert.deepEqual(errorsOf(loaded), []);
    const { project } = loaded;
    assert.deepEqual(project.services.app.networks, {});
    assert.deepEqual(Object.keys(project.services.app.dependsOn), ['vpn']);
    const { create, extraNetworks } = containerSpec(project, project.services.app, 'stack-app-1', 1, 'h');
    assert.equal(create.HostConfig?.NetworkMode, 'container:stack-vpn-1');
    assert.equal(create.HostConfig?.IpcMode, 'container:stack-vpn-1');
    assert.deepEqual(create.HostConfig?.VolumesFrom, ['stack-vpn-1:ro', 'outside']);
    assert.equal(create.NetworkingConfig, undefined);
    assert.deepEqual(extraNetworks, []);
    assert.equal(containerSpec(project, project.services.hosted, 'stack-hosted-1', 1, 'h').create.HostConfig?.NetworkMode, 'host');
    const plan = planUp(project, { containers: [], networks: [], volumes: [] });
    assert.deepEqual(plan.levels.map((level) => level.map((p) => p.service)), [['vpn', 'hosted'], ['app']]);
    // Only vpn is on the project network; host and service: modes need none.
    assert.deepEqual(plan.networksToCreate.map((n) => n.name), ['stack_default']);
  });

  it('recreates a container that shares the namespace of a recreated service', () => {
    const yaml = 'services:\n  vpn:\n    image: busybox\n  app:\n    image: busybox\n    network_mode: service:vpn\n';
    const before = load(yaml).project;
    const after = load(yaml.replace('  vpn:\n    image: busybox', '  vpn:\n    image: busybox:1.36')).project;
    const labels = (service: string): Record<string, string> => ({
      'com.docker.compose.project': 'stack',
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': '1',
      'com.docker.compose.config-hash': serviceConfigHash(before.services[service]),
    });
    const state = {
      containers: ['vpn', 'app'].map((s) => ({ id: s, name: `stack-${s}-1`, labels: labels(s), state: 'running' })),
      networks: [{ name: 'stack_default' }],
      volumes: [],
    };
    const plan = planUp(after, state);
    const kinds = plan.levels.flat().map((p) => `${p.service}:${p.actions[0].kind}`);
    assert.deepEqual(kinds, ['vpn:recreate', 'app:recreate']);
    assert.match(plan.levels[1][0].actions[0].reason ?? '', /"vpn" was recreated/);
  });

  it('recreates the namespace sharer too when a pull changed only its service image', () => {
    const project = load('services:\n  vpn:\n    image: busybox\n  app:\n    image: alpine\n    network_mode: service:vpn\n').project;
    const labels = (service: string): Record<string, string> => ({
      'com.docker.compose.project': 'stack',
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': '1',
      'com.docker.compose.config-hash': serviceConfigHash(project.services[service]),
    });
    const containers = ['vpn', 'app'].map((s) => ({ id: s, name: `stack-${s}-1`, labels: labels(s), state: 'running' }));
    const plan = planUp(project, { containers, networks: [{ name: 'stack_default' }], volumes: [] });
    assert.deepEqual(plan.levels.flat().map((p) => p.actions[0].kind), ['noop', 'noop']);
    const state = { containers, networks: [], volumes: [], containerImages: new Map([['vpn', 'sha256:old'], ['app', 'sha256:alpine']]) };
    markImageChanges(plan, project, state, new Map([['busybox:latest', 'sha256:new'], ['alpine:latest', 'sha256:alpine']]));
    assert.deepEqual(plan.levels.flat().map((p) => `${p.service}:${p.actions[0].kind}`), ['vpn:recreate', 'app:recreate']);
  });

  it('links to the first container of a service on the endpoint and in HostConfig', () => {
    const loaded = load('services:\n  db:\n    image: busybox\n  app:\n    image: busybox\n    links: [db, "db:database"]\n    external_links: [legacy]\n');
    const { project } = loaded;
    assert.deepEqual(Object.keys(project.services.app.dependsOn), ['db']);
    const { create } = containerSpec(project, project.services.app, 'stack-app-1', 1, 'h');
    const links = ['stack-db-1:db', 'stack-db-1:stack-db-1', 'stack-db-1:database', 'legacy:legacy'];
    assert.deepEqual(create.HostConfig?.Links, links);
    assert.deepEqual(create.NetworkingConfig?.EndpointsConfig?.stack_default.Links, links);
  });

  it('bind-mounts file secrets and configs read-only and copies text ones in', () => {
    const loaded = load(
      `
services:
  app:
    image: busybox
    secrets: [db_pass, { source: api_key, target: key.txt }]
    configs: [app_conf, { source: inline, target: /etc/inline.conf }]
secrets:
  db_pass:
    file: ./db_pass.txt
  api_key:
    environment: API_KEY
configs:
  app_conf:
    file: ./app.conf
  inline:
    content: "level=debug"
`,
      { '/p/stack/db_pass.txt': 'hunter2', '/p/stack/app.conf': 'x=1' },
      { API_KEY: 'k-123' },
    );
    assert.deepEqual(errorsOf(loaded), []);
    const { create, files } = containerSpec(loaded.project, loaded.project.services.app, 'stack-app-1', 1, 'h');
    assert.deepEqual(create.HostConfig?.Mounts, [
      { Type: 'bind', Source: '/p/stack/db_pass.txt', Target: '/run/secrets/db_pass', ReadOnly: true },
      { Type: 'bind', Source: '/p/stack/app.conf', Target: '/app_conf', ReadOnly: true },
    ]);
    assert.deepEqual(files, [
      { source: 'api_key', target: '/run/secrets/key.txt', content: 'k-123' },
      { source: 'inline', target: '/etc/inline.conf', content: 'level=debug' },
    ]);
  });

  it('makes the highest-priority network primary and passes each endpoint its addresses and options', () => {
    const loaded = load(`
services:
  app:
    image: busybox
    networks:
      low:
        ipv6_address: "fd00::10"
      high:
        priority: 100
        ipv4_address: 172.30.0.10
        link_local_ips: ["169.254.8.8"]
        mac_address: 02:42:ac:1e:00:0a
        driver_opts: { com.example.opt: "1" }
networks:
  low:
  high:
`);
    assert.deepEqual(errorsOf(loaded), []);
    const { create, extraNetworks } = containerSpec(loaded.project, loaded.project.services.app, 'stack-app-1', 1, 'h');
    assert.equal(create.HostConfig?.NetworkMode, 'stack_high');
    assert.deepEqual(create.NetworkingConfig?.EndpointsConfig?.stack_high, {
      Aliases: ['app'],
      IPAMConfig: { IPv4Address: '172.30.0.10', LinkLocalIPs: ['169.254.8.8'] },
      MacAddress: '02:42:ac:1e:00:0a',
      DriverOpts: { 'com.example.opt': '1' },
    });
    assert.equal(create.MacAddress, '02:42:ac:1e:00:0a');
    assert.deepEqual(extraNetworks, [{ name: 'stack_low', config: { Aliases: ['app'], IPAMConfig: { IPv6Address: 'fd00::10' } } }]);
  });

  it('passes long-syntax mount options to the engine', () => {
    const loaded = load(`
services:
  app:
    image: busybox
    volumes:
      - { type: bind, source: ./conf, target: /conf, bind: { propagation: rslave } }
      - { type: bind, source: ./made, target: /made, bind: { create_host_path: true } }
      - { type: volume, source: data, target: /data, volume: { nocopy: true, subpath: app } }
      - { type: tmpfs, target: /cache, tmpfs: { size: 1m, mode: "700" } }
volumes:
  data:
`);
    assert.deepEqual(errorsOf(loaded), []);
    assert.deepEqual(loaded.diagnostics, []);
    const { create } = containerSpec(loaded.project, loaded.project.services.app, 'stack-app-1', 1, 'h');
    assert.deepEqual(create.HostConfig?.Binds, ['/p/stack/made:/made:rw']);
    assert.deepEqual(create.HostConfig?.Mounts, [
      { Type: 'bind', Source: '/p/stack/conf', Target: '/conf', ReadOnly: false, BindOptions: { Propagation: 'rslave' } },
      { Type: 'volume', Source: 'stack_data', Target: '/data', ReadOnly: false, VolumeOptions: { NoCopy: true, Subpath: 'app' } },
      { Type: 'tmpfs', Source: '', Target: '/cache', TmpfsOptions: { SizeBytes: 1024 ** 2, Mode: 0o700 } },
    ]);
  });

  it('reads label_file files under the service labels, and reports a missing one', () => {
    const loaded = load(
      'services:\n  app:\n    image: busybox\n    label_file: [./a.labels, ./b.labels]\n    labels: { tier: web }\n',
      { '/p/stack/a.labels': 'tier=from-file\nteam=core\n', '/p/stack/b.labels': '# comment\nowner="ops"\n' },
    );
    assert.deepEqual(errorsOf(loaded), []);
    assert.deepEqual(loaded.project.services.app.labels, { tier: 'web', team: 'core', owner: 'ops' });
    const missing = load('services:\n  app:\n    image: busybox\n    label_file: ./none.labels\n');
    assert.deepEqual(errorsOf(missing), ['Label file "./none.labels" not found (looked for /p/stack/none.labels).']);
  });

  it('gives a host several addresses from a comma list or a YAML list', () => {
    const loaded = load('services:\n  app:\n    image: busybox\n    extra_hosts:\n      - "multi=10.0.0.1,10.0.0.2"\n  map:\n    image: busybox\n    extra_hosts:\n      multi: ["10.0.0.3", "::1"]\n');
    assert.deepEqual(errorsOf(loaded), []);
    assert.deepEqual(loaded.project.services.app.extraHosts, ['multi:10.0.0.1', 'multi:10.0.0.2']);
    assert.deepEqual(loaded.project.services.map.extraHosts, ['multi:10.0.0.3', 'multi:::1']);
  });
});

describe('validation of the single-engine service keys', () => {
  it('reports values out of range where they are written', () => {
    const loaded = load(`
services:
  app:
    image: busybox
    oom_score_adj: 2000
    cpu_percent: 150
    mem_swappiness: -1
    pids_limit: -2
    shm_size: lots
    stop_grace_period: soon
    ulimits:
      nofile: { soft: 4096, hard: 1024 }
    blkio_config:
      weight: 5
    ipc: sideways
    pull_policy: sometimes
    expose: ["http"]
    mac_address: nope
    devices: ["/dev/null:/dev/x:rwx"]
    tmpfs: relative
`);
    const errors = errorsOf(loaded);
    const expected = [
      'services.app.oom_score_adj must be an integer from -1000 to 1000.',
      'services.app.cpu_percent must be an integer from 0 to 100.',
      'services.app.mem_swappiness must be an integer from 0 to 100.',
      'services.app.pids_limit must be an integer of at least -1.',
      'services.app.shm_size must be a size such as 64m or 1g, or a number of bytes.',
      'services.app.stop_grace_period must be a duration such as 10s or 1m30s; got "soon".',
      'services.app.ulimits.nofile.soft (4096) must not be above hard (1024).',
      'services.app.blkio_config.weight must be an integer from 10 to 1000 (or 0 for the default).',
      'services.app.ipc must be one of host, private, shareable, none, service:<name> or container:<name>; got "sideways".',
      'services.app.pull_policy must be one of always, never, missing, if_not_present, build, daily, weekly or every_<duration>; got "sometimes".',
      'services.app.expose[0]: "http" must be a port or range, optionally with /tcp, /udp or /sctp.',
      'services.app.mac_address must be a MAC address such as 02:42:ac:11:00:02; got "nope".',
      'services.app.devices[0] must have the form HOST_PATH[:CONTAINER_PATH[:PERMISSIONS]]; got "/dev/null:/dev/x:rwx".',
      'services.app.tmpfs: "relative" must start with an absolute container path.',
    ];
    assert.deepEqual(errors, expected);
  });

  it('checks network driver options and IPAM pools', () => {
    const loaded = load(`
services:
  app:
    image: busybox
    networks: [back]
networks:
  back:
    enable_ipv6: maybe
    driver_opts: ["novalue"]
    ipam:
      options: { foo: bar }
      config:
        - subnet: 10.9.0.0/16
          gateway: 10.9.0.300
          ip_range: 10.9.1.0
          aux_addresses: { host1: not-an-ip }
volumes:
  data:
    driver_opts: { type: tmpfs }
`);
    assert.deepEqual(errorsOf(loaded), [
      'networks.back.enable_ipv6 must be a boolean (true or false).',
      'networks.back.driver_opts[0] must have the form KEY=value.',
      '"10.9.0.300" is not an IP address.',
      '"10.9.1.0" is not an address range in CIDR notation, e.g. 172.28.5.0/24.',
      '"not-an-ip" is not an IP address.',
    ]);
  });

  it('refuses ports in a shared network namespace and warns that host networking ignores them', () => {
    const loaded = load('services:\n  vpn:\n    image: busybox\n  app:\n    image: busybox\n    network_mode: service:vpn\n    ports: ["80:80"]\n  hosted:\n    image: busybox\n    network_mode: host\n    ports: ["81:81"]\n');
    assert.deepEqual(errorsOf(loaded), ['Service "app" uses network_mode service:vpn, so it cannot publish ports; publish them on the container whose network it shares.']);
    assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message), [
      'Service "hosted" uses the host network, where its ports are already the host\'s; the engine ignores ports.',
    ]);
  });

  it('warns precisely about what only swarm uses', () => {
    const loaded = load(`
services:
  app:
    image: busybox
    deploy:
      placement: { constraints: [node.role == manager] }
      update_config: { parallelism: 2 }
      resources:
        reservations: { cpus: "0.25" }
      restart_policy: { condition: any, delay: 5s }
`);
    const warnings = loaded.diagnostics.filter((d) => d.severity === 'warning');
    assert.deepEqual(warnings.map((d) => d.code), ['swarm-only', 'swarm-only', 'swarm-only', 'swarm-only']);
    assert.match(warnings[0].message, /deploy\.placement only applies to swarm services/);
    assert.match(warnings[2].message, /reservations\.cpus is a swarm scheduling hint/);
    assert.match(warnings[3].message, /restart_policy\.delay/);
    assert.equal(loaded.project.services.app.restart, 'always');
  });

  it('checks references to services, secrets and configs, and network_mode against networks', () => {
    const loaded = load(`
services:
  app:
    image: busybox
    network_mode: service:ghost
    networks: [default]
    links: [phantom]
    secrets: [missing]
    configs: [{ source: nowhere }]
secrets:
  both:
    file: ./a.txt
    environment: A
  far:
    external: true
`);
    assert.deepEqual(errorsOf(loaded).sort(), [
      'Secret file "./a.txt" not found (looked for /p/stack/a.txt).',
      'Service "app" sets both network_mode and networks; they exclude each other.',
      'Service "app" uses a link of undefined service "phantom".',
      'Service "app" uses config "nowhere", which is not declared under the top-level "configs".',
      'Service "app" uses secret "missing", which is not declared under the top-level "secrets".',
      'Service "app" uses the network namespace of undefined service "ghost".',
      'secrets.both needs exactly one of file, environment, external; it has file and environment.',
      'secrets.far.external: external secrets exist only in swarm; docker compose cannot use them on a single engine.',
    ]);
  });
});
