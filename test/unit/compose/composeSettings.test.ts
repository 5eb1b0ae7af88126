import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerSpec } from '../../../src/compose/composeContainerSpec';
import { serviceConfigHash } from '../../../src/compose/composeHash';
import { errorsOf, load } from './composeSettingsSupport';

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

  it('turns gpus and reserved devices into device requests, and blkio devices into throttles', () => {
    const loaded = load(`
services:
  app:
    image: busybox
    gpus: all
    blkio_config:
      weight_device: [{ path: /dev/sda, weight: 200 }]
      device_write_iops: [{ path: /dev/sda, rate: 30 }]
    cpu_rt_runtime: 400ms
    cpu_rt_period: 1400us
    device_cgroup_rules: ["c 1:3 mr"]
    deploy:
      resources:
        reservations:
          devices:
            - driver: nvidia
              count: 2
              capabilities: [gpu, utility]
  picky:
    image: busybox
    gpus:
      - driver: nvidia
        device_ids: ["0", "3"]
`);
    assert.deepEqual(errorsOf(loaded), []);
    const host = (service: string): Record<string, unknown> =>
      containerSpec(loaded.project, loaded.project.services[service], `stack-${service}-1`, 1, 'h').create.HostConfig as Record<string, unknown>;
    assert.deepEqual(host('app').DeviceRequests, [
      { Driver: '', Count: -1, DeviceIDs: undefined, Capabilities: [['gpu']], Options: undefined },
      { Driver: 'nvidia', Count: 2, DeviceIDs: undefined, Capabilities: [['gpu', 'utility']], Options: undefined },
    ]);
    assert.deepEqual(host('picky').DeviceRequests, [{ Driver: 'nvidia', Count: 0, DeviceIDs: ['0', '3'], Capabilities: [['gpu']], Options: undefined }]);
    assert.deepEqual(host('app').BlkioWeightDevice, [{ Path: '/dev/sda', Weight: 200 }]);
    assert.deepEqual(host('app').BlkioDeviceWriteIOps, [{ Path: '/dev/sda', Rate: 30 }]);
    assert.equal(host('app').CpuRealtimeRuntime, 400_000);
    assert.equal(host('app').CpuRealtimePeriod, 1400);
    assert.deepEqual(host('app').DeviceCgroupRules, ['c 1:3 mr']);
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
