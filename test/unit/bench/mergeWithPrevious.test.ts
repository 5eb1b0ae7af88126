import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeWithPrevious } from '../../../bench/benchmarksMarkdown';

describe('mergeWithPrevious', () => {
  const previous = '# Berth benchmarks\n\nold header\n\n## A\n\nold a\n\n## B\n\nold b\n';
  it('replaces the measured sections and carries the others over unchanged', () => {
    const fresh = '# Berth benchmarks\n\nnew header\n\n## A\n\nnew a\n';
    assert.equal(mergeWithPrevious(fresh, previous, ['A']), '# Berth benchmarks\n\nnew header\n\n## A\n\nnew a\n\n## B\n\nold b\n');
  });
  it('is the fresh document when there was no previous file or nothing to keep', () => {
    assert.equal(mergeWithPrevious('# x\n', undefined, ['A']), '# x\n');
    assert.equal(mergeWithPrevious('# x\n\n## A\n', previous, ['A', 'B']), '# x\n\n## A\n');
  });
});
