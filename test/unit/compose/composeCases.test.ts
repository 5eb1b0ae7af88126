import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { assertDiagnostics, caseDirs, loadCase, withPlaceholders } from './composeFixtureSupport';

// Each fixture folder holds compose files and an expected.json with every diagnostic (exact ranges)
// and, where given, the normalised project model.
for (const group of ['valid', 'invalid', 'interpolation']) {
  describe(`compose fixtures: ${group}`, () => {
    for (const dir of caseDirs(group)) {
      it(path.basename(dir), () => {
        const { loaded, expected, files } = loadCase(dir);
        assert.ok(expected.diagnostics, 'expected.json must list the diagnostics (an empty list for none)');
        assertDiagnostics(loaded.diagnostics, expected.diagnostics, dir, files[0]);
        if (group === 'valid') assert.ok(loaded.diagnostics.every((d) => d.severity !== 'error'));
        if (group === 'invalid') assert.ok(loaded.diagnostics.length > 0);
        if (expected.project !== undefined) {
          assert.deepEqual(JSON.parse(JSON.stringify(loaded.project)), withPlaceholders(expected.project, dir));
        }
      });
    }
  });
}
