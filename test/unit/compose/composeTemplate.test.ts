import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { substituteTemplate } from '../../../src/compose/composeTemplate';

const vars: Record<string, string> = { SET: 'value', EMPTY: '', TAG: '1.25' };
const lookup = (name: string): string | undefined => vars[name];
const sub = (input: string): string => substituteTemplate(input, lookup).value;

describe('substituteTemplate', () => {
  it('substitutes braced and bare names', () => {
    assert.equal(sub('${SET}/$SET/$SET_x/${TAG}'), 'value/value//1.25');
  });

  it('keeps text without templates and turns $$ into $', () => {
    assert.equal(sub('plain text'), 'plain text');
    assert.equal(sub('cost $$5 and $${SET}'), 'cost $5 and ${SET}');
  });

  it('applies :- and - defaults the way the shell does', () => {
    assert.equal(sub('${UNSET:-d}|${EMPTY:-d}|${SET:-d}'), 'd|d|value');
    assert.equal(sub('${UNSET-d}|${EMPTY-d}|${SET-d}'), 'd||value');
  });

  it('applies :+ and + replacements', () => {
    assert.equal(sub('${SET:+r}|${EMPTY:+r}|${UNSET:+r}'), 'r||');
    assert.equal(sub('${SET+r}|${EMPTY+r}|${UNSET+r}'), 'r|r|');
  });

  it('evaluates nested templates in defaults only when the default is used', () => {
    const used = substituteTemplate('${UNSET:-${TAG}-x}', lookup);
    assert.deepEqual(used, { value: '1.25-x', issues: [] });
    const unused = substituteTemplate('${SET:-${NOPE}}', lookup);
    assert.deepEqual(unused, { value: 'value', issues: [] });
    const deep = substituteTemplate('${A:-${B:-${C:-deep}}}', lookup);
    assert.equal(deep.value, 'deep');
  });

  it('reports unset variables at the offsets of their template', () => {
    const result = substituteTemplate('a ${NOPE} $ALSO b', lookup);
    assert.equal(result.value, 'a   b');
    assert.deepEqual(result.issues.map((i) => [i.kind, i.variable, i.start, i.end]), [
      ['unset', 'NOPE', 2, 9],
      ['unset', 'ALSO', 10, 15],
    ]);
  });

  it('reports unset variables inside a used default at their own offsets', () => {
    const result = substituteTemplate('${UNSET:-${INNER}}', lookup);
    assert.deepEqual(result.issues.map((i) => [i.variable, i.start, i.end]), [['INNER', 9, 17]]);
  });

  it('reports :? and ? with the given message or a default one', () => {
    const custom = substituteTemplate('${EMPTY:?must be set}', lookup);
    assert.equal(custom.value, '');
    assert.deepEqual(custom.issues.map((i) => [i.kind, i.message, i.start, i.end]), [['required', 'EMPTY: must be set', 0, 21]]);
    assert.deepEqual(substituteTemplate('${EMPTY?x}', lookup).issues, []);
    const unset = substituteTemplate('${UNSET?}', lookup);
    assert.match(unset.issues[0].message, /UNSET is not set/);
    const empty = substituteTemplate('${EMPTY:?}', lookup);
    assert.match(empty.issues[0].message, /EMPTY is empty/);
  });

  it('reports malformed templates', () => {
    const cases: [string, number, number][] = [
      ['${', 0, 2],
      ['${}', 0, 3],
      ['${A B}', 0, 6],
      ['x ${OPEN', 2, 8],
    ];
    for (const [input, start, end] of cases) {
      const issues = substituteTemplate(input, lookup).issues;
      assert.deepEqual(issues.map((i) => [i.kind, i.start, i.end]), [['invalid', start, end]], input);
    }
  });

  it('matches braces across nested templates', () => {
    assert.equal(sub('${UNSET:-{${SET}}}'), '{value}');
    assert.equal(sub('${UNSET:-a}b}'), 'ab}');
  });
});
