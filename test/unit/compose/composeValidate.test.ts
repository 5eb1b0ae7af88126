import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseComposeText } from '../../../src/compose/composeParse';
import { validateComposeFile } from '../../../src/compose/composeValidate';
import { validateComposeReferences } from '../../../src/compose/composeValidateRefs';

function check(text: string): [string, string, string][] {
  const parsed = parseComposeText(text);
  assert.deepEqual(parsed.diagnostics, []);
  return [...validateComposeFile(parsed), ...validateComposeReferences([parsed])].map((d) => [d.code, text.slice(d.offset.start, d.offset.end), d.message]);
}

describe('validateComposeFile', () => {
  it('rejects an empty file (as compose does) and accepts empty services', () => {
    assert.deepEqual(parseComposeText('').diagnostics.map((d) => d.code), ['empty-file']);
    assert.deepEqual(check('services:\n'), []);
  });

  it('rejects a file that is not a mapping', () => {
    assert.deepEqual(check('- a\n- b\n').map((d) => d[0]), ['wrong-type']);
  });

  it('allows x- extensions at the top level and in services; under services an x- name is a service', () => {
    assert.deepEqual(check('x-a: 1\nservices:\n  x-foo:\n    image: x\n  web:\n    image: x\n    x-note: y\n'), []);
    assert.deepEqual(check('services:\n  x-foo: {}\n').map((d) => d[0]), ['missing-image']);
  });

  it('reports a typo inside a merged anchor once, at the anchor', () => {
    const text = 'x-base: &base\n  restat: always\nservices:\n  a:\n    <<: *base\n    image: x\n  b:\n    <<: *base\n    image: y\n';
    const found = check(text);
    assert.deepEqual(found.map((d) => [d[0], d[1]]), [['unknown-key', 'restat']]);
    assert.match(found[0][2], /Did you mean "restart"\?/);
  });

  it('gives the suggestion in machine-readable form', () => {
    const parsed = parseComposeText('services:\n  a:\n    imgae: x\n    build: .\n');
    const [d] = validateComposeFile(parsed);
    assert.equal(d.suggestion, 'image');
    assert.deepEqual(d.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } });
  });

  it('takes an image or a build from any of the files', () => {
    const base = parseComposeText('services:\n  a:\n    command: x\n', '/p/compose.yaml');
    const override = parseComposeText('services:\n  a:\n    image: x\n', '/p/compose.override.yaml');
    assert.deepEqual(validateComposeReferences([base, override]), []);
    assert.deepEqual(validateComposeReferences([base]).map((d) => d.code), ['missing-image']);
  });

  it('resolves volumes, networks and dependencies declared in another file', () => {
    const base = parseComposeText('services:\n  a:\n    image: x\n    volumes: [data:/d]\n    networks: [n]\n    depends_on: [b]\n', '/p/a.yaml');
    const other = parseComposeText('services:\n  b:\n    image: y\nvolumes:\n  data:\nnetworks:\n  n:\n', '/p/b.yaml');
    assert.deepEqual(validateComposeReferences([base, other]), []);
    assert.deepEqual(validateComposeReferences([base]).map((d) => d.code), ['unknown-service', 'undefined-network', 'undefined-volume']);
  });
});
