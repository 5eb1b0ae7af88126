import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { nextPageUrl } from '../../../src/registry/linkHeader';
import { fixturePath } from '../../support/paths';

describe('Link header pagination', () => {
  it('resolves the registry\'s relative next link against the fetched URL', () => {
    // Captured from the rig's registry: GET /v2/_catalog?n=1.
    const link = fs.readFileSync(fixturePath('registry', 'catalogLinkHeader.txt'), 'utf8').trim();
    assert.equal(nextPageUrl(link, 'http://127.0.0.1:5001/v2/_catalog?n=1'), 'http://127.0.0.1:5001/v2/_catalog?last=berth-test%2Ffixture-capture&n=1');
  });

  it('finds rel="next" among other links and keeps absolute URLs', () => {
    const link = '<https://r.example/v2/a/tags/list?n=2&last=b>; rel="prev", <https://r.example/v2/a/tags/list?n=2&last=d>; rel="next"';
    assert.equal(nextPageUrl(link, 'https://r.example/v2/a/tags/list?n=2'), 'https://r.example/v2/a/tags/list?n=2&last=d');
    assert.equal(nextPageUrl('</v2/x?last=1>; rel=next', 'https://r.example/v2/x'), 'https://r.example/v2/x?last=1');
  });

  it('is undefined on the last page', () => {
    assert.equal(nextPageUrl(null, 'https://r.example/'), undefined);
    assert.equal(nextPageUrl('<https://r.example/a>; rel="prev"', 'https://r.example/'), undefined);
  });
});
