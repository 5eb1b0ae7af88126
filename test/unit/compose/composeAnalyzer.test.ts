import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ComposeAnalysisRequest } from '../../../src/compose/composeAnalysisTypes';
import { ComposeAnalyzer } from '../../../src/compose/composeAnalyzer';
import { repoRoot } from '../../support/paths';

const analyzer = new ComposeAnalyzer(path.join(repoRoot, 'out', 'src', 'compose', 'composeAnalysisWorker.js'), 10_000);
after(() => analyzer.dispose());

function request(file: string, text: string): ComposeAnalysisRequest {
  return { options: { files: [file], env: {} }, buffers: { [file]: text } };
}

describe('ComposeAnalyzer', () => {
  it('checks a project in the worker, with the service key offsets lenses need', async () => {
    const analysis = await analyzer.analyze(request('/p/compose.yaml', 'services:\n  web:\n    image: nginx\n  db:\n    image: postgres\n'));
    assert.deepEqual(analysis.diagnostics, []);
    assert.deepEqual(Object.keys(analysis.project.services), ['web', 'db']);
    assert.deepEqual(analysis.serviceOffsets['/p/compose.yaml'], [['web', 12], ['db', 36]]);
  });

  it('replaces a queued check of the same project by the newer one, answering both', async () => {
    const running = analyzer.analyze(request('/a/compose.yaml', 'services:\n  a:\n    image: a\n'));
    const older = analyzer.analyze(request('/b/compose.yaml', 'services:\n  web:\n    image: old\n'));
    const newer = analyzer.analyze(request('/b/compose.yaml', 'services:\n  web:\n    image: new\n'));
    assert.equal((await running).project.services.a.image, 'a');
    assert.equal((await older).project.services.web.image, 'new');
    assert.equal((await newer).project.services.web.image, 'new');
  });
});
