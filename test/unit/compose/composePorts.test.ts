import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePort, parsePortLong, parsePortShort, PortMapping } from '../../../src/compose/composePorts';

function ok(spec: string | number): PortMapping {
  const result = parsePortShort(spec);
  assert.ok(result.ok, `${spec}: ${result.ok ? '' : result.error}`);
  return result.port;
}

const one = (n: number): { start: number; end: number } => ({ start: n, end: n });

describe('parsePortShort', () => {
  it('parses container-only ports and numbers', () => {
    assert.deepEqual(ok('80'), { target: one(80), protocol: 'tcp' });
    assert.deepEqual(ok(3000), { target: one(3000), protocol: 'tcp' });
    assert.deepEqual(ok('53/udp'), { target: one(53), protocol: 'udp' });
  });

  it('parses host:container with ranges and protocols', () => {
    assert.deepEqual(ok('8080:80'), { published: one(8080), target: one(80), protocol: 'tcp' });
    assert.deepEqual(ok('9000-9002:9000-9002/SCTP'), {
      published: { start: 9000, end: 9002 },
      target: { start: 9000, end: 9002 },
      protocol: 'sctp',
    });
    assert.deepEqual(ok('8000-8010:80'), { published: { start: 8000, end: 8010 }, target: one(80), protocol: 'tcp' });
  });

  it('parses host IPs, IPv6 in brackets, and an empty host port', () => {
    assert.deepEqual(ok('127.0.0.1:8080:80'), { hostIp: '127.0.0.1', published: one(8080), target: one(80), protocol: 'tcp' });
    assert.deepEqual(ok('127.0.0.1::80'), { hostIp: '127.0.0.1', target: one(80), protocol: 'tcp' });
    assert.deepEqual(ok('[::1]:8080:80/udp'), { hostIp: '::1', published: one(8080), target: one(80), protocol: 'udp' });
  });

  it('rejects malformed specs with a reason', () => {
    const bad: [string | number, RegExp][] = [
      ['', /container port/],
      ['80/http', /unknown protocol "http"/],
      ['70000', /between 1 and 65535/],
      ['0', /between 1 and 65535/],
      [0, /between 1 and 65535/],
      ['x:80', /host port "x"/],
      ['::1:80:80', /brackets/],
      ['host:80:80', /"host" is not an IP address/],
      ['[::1:80', /bracketed/],
      ['90-80', /container port "90-80"/],
      ['1-3:1-2', /different sizes/],
      ['80:1-2', /different sizes/],
    ];
    for (const [spec, reason] of bad) {
      const result = parsePortShort(spec);
      assert.equal(result.ok, false, String(spec));
      if (!result.ok) assert.match(result.error, reason, String(spec));
    }
  });
});

describe('parsePortLong', () => {
  it('parses the long syntax', () => {
    const result = parsePortLong({ target: 80, published: '8000-8001', host_ip: '::', protocol: 'UDP', mode: 'host' });
    assert.deepEqual(result, {
      ok: true,
      port: { hostIp: '::', published: { start: 8000, end: 8001 }, target: one(80), protocol: 'udp', mode: 'host' },
    });
    assert.deepEqual(parsePortLong({ target: '443' }), { ok: true, port: { target: one(443), protocol: 'tcp' } });
  });

  it('names the key that is wrong', () => {
    const keyOf = (spec: Record<string, unknown>): string | undefined => {
      const result = parsePortLong(spec);
      return result.ok ? 'ok' : result.key;
    };
    assert.equal(keyOf({ published: 80 }), undefined);
    assert.equal(keyOf({ target: '80-81' }), 'target');
    assert.equal(keyOf({ target: 80, published: 'x' }), 'published');
    assert.equal(keyOf({ target: 80, host_ip: 'nope' }), 'host_ip');
    assert.equal(keyOf({ target: 80, protocol: 'icmp' }), 'protocol');
    assert.equal(keyOf({ target: 80, mode: 'swarm' }), 'mode');
  });

  it('parsePort dispatches on the value type and rejects others', () => {
    assert.equal(parsePort('80').ok, true);
    assert.equal(parsePort({ target: 80 }).ok, true);
    assert.equal(parsePort(['80']).ok, false);
    assert.equal(parsePort(true).ok, false);
  });
});
