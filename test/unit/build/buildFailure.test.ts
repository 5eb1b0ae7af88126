import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connectionLossText, isConnectionLoss } from '../../../src/build/buildFailure';
import { IntermediateContainers } from '../../../src/build/intermediateContainers';

function socketError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isConnectionLoss', () => {
  it('recognises a dropped or refused engine connection', () => {
    assert.equal(isConnectionLoss(socketError('ECONNRESET', 'aborted')), true);
    assert.equal(isConnectionLoss(socketError('ENOENT', 'connect ENOENT /var/run/docker.sock')), true);
    assert.equal(isConnectionLoss(socketError('ECONNREFUSED', 'connect ECONNREFUSED')), true);
    assert.equal(isConnectionLoss(new Error('socket hang up')), true);
  });

  it('does not take an engine answer or a plain failure for one', () => {
    const engineAnswer = Object.assign(new Error('(HTTP code 500) server error - boom'), { statusCode: 500, code: 'ECONNRESET' });
    assert.equal(isConnectionLoss(engineAnswer), false);
    assert.equal(isConnectionLoss(new Error('The command returned a non-zero code: 1')), false);
    assert.equal(isConnectionLoss('aborted'), false);
  });
});

describe('connectionLossText', () => {
  it('names the cause and the image instead of "aborted"', () => {
    const text = connectionLossText('shop-web', socketError('ECONNRESET', 'aborted'));
    assert.match(text, /connection to the Docker engine was lost while building "shop-web" \(ECONNRESET\)/);
    assert.doesNotMatch(text, /aborted/);
  });
});

describe('IntermediateContainers', () => {
  it("tracks the classic builder's step containers from its output", () => {
    // Lines as the engine streamed them for a two-step build (escape codes already removed).
    const output = [
      'Step 1/3 : FROM berth-test/busybox:latest',
      ' ---> 604df227141f',
      'Step 2/3 : RUN echo one',
      ' ---> Running in 4cf49efa1950',
      'one',
      'Removing intermediate container 4cf49efa1950',
      ' ---> 4fdf5be69c6e',
      'Step 3/3 : RUN echo started && sleep 300',
      ' ---> Running in 5f57c68040c4',
      'started',
      'Running in 0123456789ab is only text printed by a step',
    ];
    const steps = new IntermediateContainers();
    output.forEach((line) => steps.observe(line));
    assert.deepEqual(steps.pending, ['5f57c68040c4']);
  });
});
