import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseResponseHead, plainEndpointOf } from '../../../src/engine/engineStream';

describe('engine stream response head', () => {
  it('waits for the blank line, then reads the status and headers', () => {
    const head = 'HTTP/1.0 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n';
    assert.equal(parseResponseHead(Buffer.from(head.slice(0, 30))), undefined);
    const parsed = parseResponseHead(Buffer.from(`${head}\u0001\u0000body`));
    assert.equal(parsed?.status, 200);
    assert.equal(parsed?.headers.get('api-version'), '1.41');
    assert.equal(parsed?.headers.get('content-type'), 'application/vnd.docker.raw-stream');
    assert.equal(parsed?.bodyStart, head.length);
  });

  it('reads an error status', () => {
    const parsed = parseResponseHead(Buffer.from('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n{"message":"No such container: x"}\n'));
    assert.equal(parsed?.status, 404);
  });

  it('refuses an answer that is not HTTP, and a head that never ends', () => {
    assert.throws(() => parseResponseHead(Buffer.from('SSH-2.0-OpenSSH_9.2\r\n\r\n')), /not HTTP/);
    assert.throws(() => parseResponseHead(Buffer.alloc(70 * 1024, 0x61)), /oversized/);
  });
});

describe('plainEndpointOf', () => {
  it('takes unix sockets, named pipes and plain TCP', () => {
    assert.deepEqual(plainEndpointOf({ socketPath: '/var/run/docker.sock' }), { socketPath: '/var/run/docker.sock' });
    assert.deepEqual(plainEndpointOf({ socketPath: '//./pipe/docker_engine' }), { socketPath: '//./pipe/docker_engine' });
    assert.deepEqual(plainEndpointOf({ host: '10.0.0.5', port: 2375, protocol: 'http' }), { host: '10.0.0.5', port: 2375 });
  });

  it('leaves TLS, SSH and custom agents to dockerode', () => {
    assert.equal(plainEndpointOf({ host: 'h', port: 2376, protocol: 'https', ca: 'x' }), undefined);
    assert.equal(plainEndpointOf({ host: 'h', protocol: 'ssh', sshOptions: {} }), undefined);
    assert.equal(plainEndpointOf({ socketPath: '/s', agent: {} }), undefined);
    assert.equal(plainEndpointOf(undefined), undefined);
  });
});
