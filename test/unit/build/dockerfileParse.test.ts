import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { heredocInstructions, instructionForStep, parseDockerfile } from '../../../src/build/dockerfileParse';
import { fixturePath } from '../../support/paths';

function fixture(name: string): string {
  return readFileSync(fixturePath('build', name, 'Dockerfile'), 'utf8');
}

describe('parseDockerfile', () => {
  it('a multi-stage file: directives skipped, stages with --platform and AS, ARGs global or per stage', () => {
    const parsed = parseDockerfile(fixture('multistage'));
    assert.equal(parsed.escape, '\\');
    assert.deepEqual(
      parsed.instructions.map((i) => `${i.startLine}:${i.keyword}`),
      ['1:ARG', '3:FROM', '4:RUN', '6:FROM', '7:ARG', '8:ARG', '9:RUN', '12:FROM', '13:RUN'],
    );
    assert.deepEqual(parsed.stages, [
      { image: '${BASE}', name: 'base', platform: undefined, line: 3, index: 0 },
      { image: 'base', name: 'tools', platform: 'linux/amd64', line: 6, index: 1 },
      { image: 'base', name: undefined, platform: undefined, line: 12, index: 2 },
    ]);
    assert.deepEqual(parsed.args, [
      { name: 'BASE', defaultValue: 'berth-test/busybox:latest', line: 1, global: true },
      { name: 'GREETING', defaultValue: 'hello', line: 7, global: false },
      { name: 'UNSET', defaultValue: undefined, line: 8, global: false },
    ]);
  });

  it('continuations span lines; comment and blank lines inside them are skipped; trailing blanks after the escape allowed', () => {
    const parsed = parseDockerfile(fixture('continuations'));
    assert.deepEqual(
      parsed.instructions.map((i) => [i.keyword, i.startLine, i.endLine]),
      [['FROM', 0, 0], ['RUN', 1, 5], ['ENV', 6, 6], ['RUN', 7, 7]],
    );
    assert.equal(parsed.instructions[1].args, 'echo a     && echo b     && echo c');
    assert.equal(parsed.instructions[2].args, 'A=1', 'a lower-case, indented keyword is still an instruction');
  });

  it('the escape directive makes the backtick the continuation character and leaves backslashes alone', () => {
    const parsed = parseDockerfile(fixture('backtick'));
    assert.equal(parsed.escape, '`');
    assert.deepEqual(parsed.instructions.map((i) => [i.keyword, i.startLine, i.endLine]), [['FROM', 2, 2], ['RUN', 3, 4], ['ARG', 5, 5], ['COPY', 6, 6]]);
    assert.equal(parsed.instructions[1].args, 'echo C:\\path\\to     && echo done');
    assert.equal(parsed.instructions[3].args, '. C:\\app\\', 'a backslash at the end is no continuation');
    assert.equal(parsed.stages[0].name, 'win', 'stage names compare lower-cased');
    assert.deepEqual(parsed.args.map((a) => [a.name, a.defaultValue]), [['QUOTED', 'a b'], ['PLAIN', '1']]);
  });

  it('CRLF line ends and a BOM', () => {
    const parsed = parseDockerfile('\uFEFF# escape=`\r\nFROM a AS b\r\nRUN x `\r\n  y\r\n');
    assert.equal(parsed.escape, '`');
    assert.deepEqual(parsed.instructions.map((i) => [i.keyword, i.args, i.startLine, i.endLine]), [['FROM', 'a AS b', 1, 1], ['RUN', 'x   y', 2, 3]]);
  });

  it('a directive after a comment is a comment', () => {
    const parsed = parseDockerfile('# hello\n# escape=`\nFROM a\nRUN b \\\n c\n');
    assert.equal(parsed.escape, '\\');
    assert.deepEqual(parsed.instructions.map((i) => i.keyword), ['FROM', 'RUN']);
  });
});

describe('instructionForStep', () => {
  it('maps "Step N/M" to the Nth instruction in file order, continuation lines included', () => {
    const parsed = parseDockerfile(fixture('failing'));
    const step = instructionForStep(parsed, 3);
    assert.deepEqual(step && [step.keyword, step.startLine, step.endLine], ['RUN', 6, 7]);
    assert.equal(instructionForStep(parsed, 5), undefined, 'the LABEL step the engine appends for build labels has no line');
    assert.equal(instructionForStep(parsed, 0), undefined);
  });

  it('global ARGs count first, as the classic builder numbers them', () => {
    const parsed = parseDockerfile(fixture('multistage'));
    assert.equal(instructionForStep(parsed, 1)?.keyword, 'ARG');
    assert.equal(instructionForStep(parsed, 2)?.startLine, 3);
  });
});

describe('heredocInstructions', () => {
  it('finds the BuildKit-only heredocs the classic builder cannot read', () => {
    const parsed = parseDockerfile('FROM a\nRUN <<EOF\necho hi\nEOF\nCOPY <<-"END" /x\nEND\nRUN echo "a << b"\nRUN cat <<x\n');
    assert.deepEqual(heredocInstructions(parsed).map((i) => i.startLine), [1, 4, 7]);
  });
});
