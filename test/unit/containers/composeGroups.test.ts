import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupByProject } from '../../../src/containers/composeGroups';

interface C { name: string; composeProject?: string }

describe('groupByProject', () => {
  it('groups by compose project, projects sorted, members and standalone containers in input order', () => {
    const containers: C[] = [
      { name: 'web-2', composeProject: 'shop' },
      { name: 'lonely' },
      { name: 'db-1', composeProject: 'blog' },
      { name: 'web-1', composeProject: 'shop' },
      { name: 'other', composeProject: '' },
      { name: 'cache', composeProject: 'shop' },
      { name: 'adhoc' },
    ];
    const { projects, standalone } = groupByProject(containers);
    assert.deepEqual(projects.map((p) => [p.project, p.containers.map((c) => c.name)]), [
      ['blog', ['db-1']],
      ['shop', ['web-2', 'web-1', 'cache']],
    ]);
    assert.deepEqual(standalone.map((c) => c.name), ['lonely', 'other', 'adhoc']);
  });

  it('handles an empty list', () => {
    assert.deepEqual(groupByProject<C>([]), { projects: [], standalone: [] });
  });
});
