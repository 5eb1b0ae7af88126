import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerSpec } from '../../../src/compose/composeContainerSpec';
import { errorsOf, load } from './composeSettingsSupport';

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
      'services.app.tmpfs: "relative" must start with an absolute container path.',
    ];
    assert.deepEqual(errors, expected);
    // Compose loads any permission string and the engine creates the container with it: a warning, not an error.
    const warnings = loaded.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
    assert.ok(warnings.includes('services.app.devices[0]: device permissions are made of r, w and m; "rwx" is passed to the engine as written.'), warnings.join('\n'));
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
    secrets: [missing, far, onfile, present]
    configs: [{ source: nowhere }, { source: driven }]
secrets:
  both:
    file: ./a.txt
    environment: A
  far:
    external: true
  onfile:
    file: ./b.txt
  present:
    file: ./here.txt
  spare:
    file: ./c.txt
  spare_far:
    external: { name: old_style }
configs:
  driven:
    driver: vault
`, { '/p/stack/here.txt': 'secret' });
    assert.deepEqual(errorsOf(loaded).sort(), [
      'Secret file "./b.txt" not found (looked for /p/stack/b.txt). A service uses it, so docker compose cannot start that service without it.',
      'Service "app" sets both network_mode and networks; they exclude each other.',
      'Service "app" uses a link of undefined service "phantom".',
      'Service "app" uses config "driven", which sets driver (swarm only); docker compose refuses it on a single engine ("docker compose does not support configs.*.driver").',
      'Service "app" uses config "nowhere", which is not declared under the top-level "configs".',
      'Service "app" uses external secret "far": external secrets exist only in swarm, and docker compose refuses them on a single engine ("unsupported external secret").',
      'Service "app" uses secret "missing", which is not declared under the top-level "secrets".',
      'Service "app" uses the network namespace of undefined service "ghost".',
      'secrets.both needs exactly one of file, environment, external; it has file and environment.',
    ]);
    // What no service uses loads, as in compose: a missing file of it is a warning, an external one (even in the old form) is fine.
    const warnings = loaded.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
    assert.deepEqual(warnings.filter((m) => m.includes('not found')).sort(), [
      'Secret file "./a.txt" not found (looked for /p/stack/a.txt). No service uses it yet.',
      'Secret file "./c.txt" not found (looked for /p/stack/c.txt). No service uses it yet.',
    ]);
    assert.ok(warnings.includes('secrets.spare_far.external.name is deprecated: write "external: true" and "name: old_style".'), warnings.join('\n'));
  });
  it('takes what compose converts: an interpolated-away DNS server, device counts as strings, all or -1', () => {
    const loaded = load(`
services:
  app:
    image: busybox
    dns: \${UNSET_DNS}
    deploy:
      resources:
        reservations:
          devices:
            - { capabilities: [gpu], count: "1" }
            - { capabilities: [gpu], count: all }
            - { capabilities: [gpu], count: -1 }
  listed:
    image: busybox
    dns: ["1.1.1.1", "\${UNSET_DNS}"]
`);
    assert.deepEqual(errorsOf(loaded), []);
    const host = (service: string): Record<string, unknown> =>
      containerSpec(loaded.project, loaded.project.services[service], `stack-${service}-1`, 1, 'h').create.HostConfig as Record<string, unknown>;
    // No empty server reaches the engine.
    assert.equal(host('app').Dns, undefined);
    assert.deepEqual(host('listed').Dns, ['1.1.1.1']);
    assert.deepEqual((host('app').DeviceRequests as { Count: number }[]).map((r) => r.Count), [1, -1, -1]);
  });

  it('refuses what compose refuses when loading: count with device_ids, a reserved device without capabilities, an empty build.ssh', () => {
    const loaded = load(`
services:
  app:
    build:
      context: .
      ssh:
    gpus:
      - { driver: nvidia, count: 1 }
    deploy:
      resources:
        reservations:
          devices:
            - { capabilities: [gpu], count: 2, device_ids: ["0"] }
            - { driver: nvidia, count: 2 }
            - { capabilities: [gpu], count: "two" }
`);
    assert.deepEqual(errorsOf(loaded), [
      'services.app.build.ssh must be a mapping or a list of KEY=value strings.',
      'services.app.deploy.resources.reservations.devices[0]: count and device_ids exclude each other; give one.',
      'services.app.deploy.resources.reservations.devices[1] needs "capabilities", e.g. [gpu].',
      'services.app.deploy.resources.reservations.devices[2].count must be "all", -1 (all) or an integer of at least 1.',
    ]);
  });

  it('warns about compose keys Berth does not apply yet instead of calling them unknown', () => {
    const loaded = load(`
services:
  app:
    image: busybox
    pre_start:
      - command: ["true"]
    build:
      context: .
      no_cache_filter: [deps]
`);
    assert.deepEqual(errorsOf(loaded), []);
    const warnings = loaded.diagnostics.filter((d) => d.code === 'unsupported-key').map((d) => d.message);
    assert.deepEqual(warnings, ['services.app.pre_start is not supported by Berth yet and is ignored.', 'services.app.build.no_cache_filter is not supported by Berth yet and is ignored.']);
  });
});
