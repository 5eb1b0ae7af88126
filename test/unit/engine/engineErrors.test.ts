import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyConnectionError, engineErrorMessage } from '../../../src/engine/engineErrors';

function errno(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyConnectionError', () => {
  const endpoint = 'unix:///var/run/docker.sock';
  const cases: [string, string][] = [
    ['ENOENT', 'socketMissing'],
    ['EACCES', 'permissionDenied'],
    ['ECONNREFUSED', 'connectionRefused'],
    ['ETIMEDOUT', 'timeout'],
    ['ENOTFOUND', 'hostNotFound'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
  ];
  for (const [code, problem] of cases) {
    it(`maps ${code} to ${problem}`, () => {
      const failure = classifyConnectionError(errno(code), endpoint);
      assert.equal(failure.problem, problem);
      assert.ok(failure.message.length > 0);
    });
  }

  it('names the endpoint and asks whether Docker runs when the socket is missing', () => {
    assert.equal(classifyConnectionError(errno('ENOENT'), endpoint).message, `No Docker socket at ${endpoint}. Is Docker running?`);
  });

  it('recognises TLS failures by message when there is no code', () => {
    assert.equal(classifyConnectionError(new Error('self signed certificate in certificate chain'), 'tcp://h:2376').problem, 'tls');
  });
});

describe('engineErrorMessage', () => {
  it("returns the engine's own reason from a dockerode error", () => {
    const err = Object.assign(new Error('(HTTP code 409) unexpected - conflict: unable to remove repository reference'), {
      statusCode: 409,
      json: { message: 'conflict: unable to remove repository reference "x" (must force) - container 3f2a is using its referenced image 9c1b' },
    });
    assert.equal(engineErrorMessage(err), 'conflict: unable to remove repository reference "x" (must force) - container 3f2a is using its referenced image 9c1b');
  });

  it('strips dockerode\'s HTTP prefix when there is no JSON body', () => {
    assert.equal(engineErrorMessage(new Error('(HTTP code 404) no such container - No such container: abc')), 'No such container: abc');
  });

  it('reads a JSON body delivered as a Buffer', () => {
    assert.equal(engineErrorMessage({ json: Buffer.from('{"message":"pull access denied"}') }), 'pull access denied');
  });

  it('never returns [object Object]', () => {
    assert.equal(engineErrorMessage({}), 'unknown error');
    assert.equal(engineErrorMessage(42), '42');
  });
});

describe('classifyConnectionError over SSH', () => {
  it("keeps the SSH transport's own explanation and names the problem ssh", () => {
    const failure = classifyConnectionError(new Error('SSH to root@build refused every key: add yours to the ssh-agent (ssh-add)'), 'ssh://root@build');
    assert.deepEqual(failure, { problem: 'ssh', message: 'SSH to root@build refused every key: add yours to the ssh-agent (ssh-add)' });
    assert.equal(classifyConnectionError(new Error('The SSH host key of build does not match'), 'ssh://build').problem, 'ssh');
  });
  it('still reads network errors on the way to an SSH host by their code', () => {
    const refused = Object.assign(new Error('SSH to build: connect ECONNREFUSED 10.0.0.5:22'), { code: 'ECONNREFUSED' });
    assert.equal(classifyConnectionError(refused, 'ssh://build').problem, 'connectionRefused');
  });
});
