import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileErrorLine, parseStepLine } from '../../../src/build/buildSteps';

describe('parseStepLine', () => {
  it('reads the classic builder\'s step lines', () => {
    assert.deepEqual(parseStepLine('Step 3/7 : RUN make -j4'), { number: 3, total: 7, instruction: 'RUN make -j4' });
    assert.deepEqual(parseStepLine('Step 12/12 : LABEL a=1'), { number: 12, total: 12, instruction: 'LABEL a=1' });
  });

  it('leaves other output alone', () => {
    assert.equal(parseStepLine(' ---> Running in 0123456789ab'), undefined);
    assert.equal(parseStepLine('Step one of many'), undefined);
    assert.equal(parseStepLine('  Step 1/2 : RUN x'), undefined, 'a program printing the words mid-line is not a step');
  });
});

describe('dockerfileErrorLine', () => {
  it('finds the line of an engine parse error', () => {
    assert.equal(dockerfileErrorLine('(HTTP code 500) server error - dockerfile parse error line 3: unknown instruction: ECHO'), 3);
    assert.equal(dockerfileErrorLine('dockerfile parse error on line 12: ARG requires exactly one argument'), 12);
    assert.equal(dockerfileErrorLine('The command returned a non-zero code: 1'), undefined);
  });
});
