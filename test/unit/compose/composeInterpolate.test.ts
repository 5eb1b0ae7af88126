import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { interpolateComposeFile } from '../../../src/compose/composeInterpolate';
import { parseComposeText } from '../../../src/compose/composeParse';
import { yamlToPlain } from '../../../src/compose/composeYaml';

function run(text: string, vars: Record<string, string> = {}): { value: unknown; found: [string, string, string][] } {
  const parsed = parseComposeText(text, '/p/compose.yaml');
  const diagnostics = interpolateComposeFile(parsed, (name) => vars[name]);
  return {
    value: yamlToPlain(parsed.doc.contents, parsed.doc),
    found: diagnostics.map((d) => [d.severity, d.code, text.slice(d.offset.start, d.offset.end)]),
  };
}

describe('interpolateComposeFile', () => {
  it('substitutes values but never keys', () => {
    const { value } = run('services:\n  ${NAME}:\n    image: ${NAME}\n', { NAME: 'web' });
    assert.deepEqual(value, { services: { '${NAME}': { image: 'web' } } });
  });

  it('casts typed fields, quoted or not, and leaves strings elsewhere', () => {
    const text = [
      'services:',
      '  a:',
      '    image: "${N}"',
      '    deploy:',
      '      replicas: ${N}',
      '    privileged: "${YES}"',
      '    cpus: ${HALF}',
      '    healthcheck:',
      '      retries: "5"',
      '    environment:',
      '      COUNT: ${N}',
      'networks:',
      '  n:',
      '    external: ${YES}',
    ].join('\n');
    const { value } = run(text, { N: '3', YES: 'true', HALF: '0.5' });
    assert.deepEqual(value, {
      services: { a: { image: '3', deploy: { replicas: 3 }, privileged: true, cpus: 0.5, healthcheck: { retries: 5 }, environment: { COUNT: '3' } } },
      networks: { n: { external: true } },
    });
  });

  it('leaves a value that does not fit the type as a string for validation to report', () => {
    const { value } = run('services:\n  a:\n    deploy:\n      replicas: ${N}\n', { N: 'many' });
    assert.deepEqual(value, { services: { a: { deploy: { replicas: 'many' } } } });
  });

  it('substitutes anchored values once and reports them where they are written', () => {
    const text = 'x-img: &img "${MISSING}:1"\nservices:\n  a:\n    image: *img\n  b:\n    image: *img\n';
    const { value, found } = run(text);
    assert.deepEqual(value, { 'x-img': ':1', services: { a: { image: ':1' }, b: { image: ':1' } } });
    assert.deepEqual(found, [['warning', 'unset-variable', '${MISSING}']]);
  });

  it('locates variables inside quoted scalars with escapes and folded block scalars', () => {
    const text = 'a: "tab\\t${ONE} ${TWO}"\nb: >\n  folded ${THREE}\n  and ${THREE}\n';
    const { found } = run(text);
    assert.deepEqual(found, [
      ['warning', 'unset-variable', '${ONE}'],
      ['warning', 'unset-variable', '${TWO}'],
      ['warning', 'unset-variable', '${THREE}'],
      ['warning', 'unset-variable', '${THREE}'],
    ]);
    const parsed = parseComposeText(text);
    const diagnostics = interpolateComposeFile(parsed, () => undefined);
    assert.deepEqual(diagnostics.slice(2).map((d) => d.range.start), [
      { line: 2, character: 9 },
      { line: 3, character: 6 },
    ]);
  });

  it('reports required variables and malformed templates as errors, and keeps a lone "$" as compose does', () => {
    const { found, value } = run('a: ${A:?give A}\nb: ${B\nc: $5\n');
    assert.equal((value as Record<string, unknown>).c, '$5');
    assert.deepEqual(found, [
      ['error', 'required-variable', '${A:?give A}'],
      ['error', 'invalid-interpolation', '${B'],
    ]);
  });
});
