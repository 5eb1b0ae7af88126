import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareNames, markdownCode, markdownText } from '../../../src/workbench/format';

describe('compareNames', () => {
  it('sorts numbers inside names by value', () => {
    const names = ['bulk-1056', 'bulk-106', 'bulk-2', 'bulk-10', 'bulk-1'];
    assert.deepEqual([...names].sort(compareNames), ['bulk-1', 'bulk-2', 'bulk-10', 'bulk-106', 'bulk-1056']);
  });

  it('ignores case but stays total and stable for names that differ only in case', () => {
    assert.deepEqual(['web', 'Api', 'api', 'DB'].sort(compareNames), ['Api', 'api', 'DB', 'web']);
    assert.equal(compareNames('api', 'Api') === -compareNames('Api', 'api'), true);
    assert.notEqual(compareNames('api', 'Api'), 0);
    assert.equal(compareNames('same', 'same'), 0);
  });

  it('orders compose-style names by project, service and number', () => {
    const names = ['shop-web-10', 'shop-web-9', 'shop-db-1', 'blog-web-1'];
    assert.deepEqual(names.sort(compareNames), ['blog-web-1', 'shop-db-1', 'shop-web-9', 'shop-web-10']);
  });
});

describe('markdownText', () => {
  it('collapses a multi-line command to one line, so it cannot add table rows', () => {
    const command = 'sh -c "\nwhile true; do\n  echo hi\ndone\n"';
    const out = markdownText(command);
    assert.equal(out.includes('\n'), false);
    assert.equal(out, 'sh \\-c \\" while true\\; do echo hi done \\"');
  });

  it('escapes every ASCII punctuation character, so URLs, links, HTML and icons stay text', () => {
    assert.equal(markdownText('see https://example.com/x'), 'see https\\:\\/\\/example\\.com\\/x');
    assert.equal(markdownText('[a](b) <b>x</b> $(zap) a|b *c* &amp;'), '\\[a\\]\\(b\\) \\<b\\>x\\<\\/b\\> \\$\\(zap\\) a\\|b \\*c\\* \\&amp\\;');
    assert.equal(markdownText('www.example.com mail@example.com'), 'www\\.example\\.com mail\\@example\\.com');
  });

  it('leaves letters, digits and non-ASCII text alone', () => {
    assert.equal(markdownText('Up 3 minutes (healthy) · naïve 名前'), 'Up 3 minutes \\(healthy\\) · naïve 名前');
  });

  it('shortens runaway text with an ellipsis', () => {
    const out = markdownText('x'.repeat(1000), 10);
    assert.equal(out, `${'x'.repeat(9)}…`);
  });
});

describe('markdownCode', () => {
  it('fences text containing backticks with a longer run', () => {
    assert.equal(markdownCode('/var/lib/docker/volumes/a`b/_data'), '``/var/lib/docker/volumes/a`b/_data``');
    assert.equal(markdownCode('`x``'), '``` `x`` ```');
  });

  it('keeps the path on one line', () => {
    assert.equal(markdownCode('/data\n/more'), '`/data /more`');
  });
});
