import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEnvAssignments, parsePortMappings } from '../../../src/images/runImage';

describe('parsePortMappings', () => {
  it('parses host:container, ip:host:container/proto and container-only mappings', () => {
    assert.deepEqual(parsePortMappings('8080:80, 127.0.0.1:9000:9000/udp, 3000'), {
      ok: true,
      ports: [
        { hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        { hostIp: '127.0.0.1', hostPort: 9000, containerPort: 9000, protocol: 'udp' },
        { containerPort: 3000, protocol: 'tcp' },
      ],
    });
  });
  it('accepts IPv6 in brackets, sctp, an empty host port and separators of any kind', () => {
    assert.deepEqual(parsePortMappings('[::1]:8443:443\n127.0.0.1::53/UDP  5000/sctp'), {
      ok: true,
      ports: [
        { hostIp: '::1', hostPort: 8443, containerPort: 443, protocol: 'tcp' },
        { hostIp: '127.0.0.1', containerPort: 53, protocol: 'udp' },
        { containerPort: 5000, protocol: 'sctp' },
      ],
    });
  });
  it('expands ranges of equal length', () => {
    assert.deepEqual(parsePortMappings('8000-8002:9000-9002'), {
      ok: true,
      ports: [8000, 8001, 8002].map((h, i) => ({ hostPort: h, containerPort: 9000 + i, protocol: 'tcp' })),
    });
  });
  it('accepts empty text as no ports', () => assert.deepEqual(parsePortMappings(' '), { ok: true, ports: [] }));

  const bad: [string, string][] = [
    ['80:http', "The container port in '80:http' must be a number from 1 to 65535 (or a range like 8000-8010)."],
    ['0:80', "The host port in '0:80' must be from 1 to 65535."],
    ['70000', "The container port in '70000' must be from 1 to 65535."],
    ['123456', "The container port in '123456' must be a number from 1 to 65535 (or a range like 8000-8010)."],
    ['65536:80', "The host port in '65536:80' must be from 1 to 65535."],
    ['80/icmp', "Unknown protocol 'icmp' in '80/icmp': use tcp, udp or sctp."],
    ['localhost:80:80', "'localhost' in 'localhost:80:80' is not an IP address (write IPv6 addresses in brackets)."],
    ['[1.2.3.4]:80:80', "'1.2.3.4' in '[1.2.3.4]:80:80' is not an IPv6 address."],
    ['1:2:3:4', "'1:2:3:4' is not a port mapping: write [ip:]hostPort:containerPort[/protocol]."],
    ['8000-8001:80', "The host and container ranges in '8000-8001:80' have different lengths."],
    ['9000-8000', "The container port range in '9000-8000' runs backwards."],
    ['1-2000', "The container port range in '1-2000' is longer than 1000 ports."],
    ['8080:80, 8080:81', 'Host port 8080/tcp is mapped twice.'],
    ['127.0.0.1:8080:80, 8080:81', 'Host port 8080/tcp is mapped twice.'],
  ];
  for (const [text, message] of bad) it(`refuses ${JSON.stringify(text)}`, () => assert.deepEqual(parsePortMappings(text), { ok: false, message }));

  it('lets one host port serve tcp and udp, or two addresses', () => {
    const result = parsePortMappings('53:53/tcp, 53:53/udp, 127.0.0.1:80:80, 127.0.0.2:80:81');
    assert.ok(result.ok);
    assert.equal(result.ports.length, 4);
  });
});

describe('parseEnvAssignments', () => {
  it('parses "A=1, B=two" into NAME=value entries', () => {
    assert.deepEqual(parseEnvAssignments('A=1, B=two'), { ok: true, env: ['A=1', 'B=two'] });
  });
  it('keeps commas, "=" and spaces inside values; empty values are allowed', () => {
    assert.deepEqual(parseEnvAssignments('JAVA_OPTS=-Xmx1g,-Xms256m, QUERY=a=b\nGREETING=hello world\nEMPTY='), {
      ok: true,
      env: ['JAVA_OPTS=-Xmx1g,-Xms256m', 'QUERY=a=b', 'GREETING=hello world', 'EMPTY='],
    });
  });
  it('accepts empty text as no variables', () => assert.deepEqual(parseEnvAssignments(''), { ok: true, env: [] }));
  it('refuses a name without value, invalid names and duplicates', () => {
    assert.deepEqual(parseEnvAssignments('A=1, B'), { ok: true, env: ['A=1, B'] }); // "B" continues A's value
    assert.deepEqual(parseEnvAssignments('FOO'), { ok: false, message: "'FOO' has no value: write FOO=value." });
    assert.deepEqual(parseEnvAssignments('1X=2'), { ok: false, message: "'1X' is not a valid variable name: use letters, digits and '_', not starting with a digit." });
    assert.deepEqual(parseEnvAssignments('MY-VAR=2'), { ok: false, message: "'MY-VAR' is not a valid variable name: use letters, digits and '_', not starting with a digit." });
    assert.deepEqual(parseEnvAssignments('=2'), { ok: false, message: "'' is not a valid variable name: use letters, digits and '_', not starting with a digit." });
    assert.deepEqual(parseEnvAssignments('A=1\nA=2'), { ok: false, message: "The variable 'A' is given twice." });
  });
});
