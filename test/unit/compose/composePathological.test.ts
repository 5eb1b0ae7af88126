import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeCompose } from '../../../src/compose/composeAnalysis';
import { ComposeAnalysis } from '../../../src/compose/composeAnalysisTypes';
import { ComposeAnalyzer } from '../../../src/compose/composeAnalyzer';
import { COMPOSE_LIMITS } from '../../../src/compose/composeLimits';
import { repoRoot } from '../../support/paths';
import { billionLaughs, deepNesting, manyKeys, mergeKeyBomb, SELF_ALIASES, wideMapping } from './composeHostileInputs';

// Hostile compose files: each must come back with a clear diagnostic instead of hanging, throwing or
// exhausting memory. They run in the real analysis worker, whose 10 s limit turns a hang into a
// failure here instead of a stuck test run.
const FILE = '/hostile/compose.yaml';
const WORKER = path.join(repoRoot, 'out', 'src', 'compose', 'composeAnalysisWorker.js');
const analyzer = new ComposeAnalyzer(WORKER, 10_000);
// Large inputs are legitimately slower (the YAML parser alone takes a while); the limit still turns a
// hang into a failure. bench/composeLoaderBench.ts measures their time.
const largeAnalyzer = new ComposeAnalyzer(WORKER, 60_000);
after(() => {
  analyzer.dispose();
  largeAnalyzer.dispose();
});

function check(text: string, large = false): Promise<ComposeAnalysis> {
  return (large ? largeAnalyzer : analyzer).analyze({ options: { files: [FILE], env: {} }, buffers: { [FILE]: text } });
}

function codes(analysis: ComposeAnalysis): string[] {
  return analysis.diagnostics.map((d) => d.code);
}

describe('compose loader on hostile input', () => {
  it('stops a "billion laughs" alias bomb with a diagnostic at the alias', async () => {
    const analysis = await check(billionLaughs());
    assert.deepEqual(codes(analysis), ['yaml-alias-limit']);
    assert.match(analysis.diagnostics[0].message, /billion laughs/);
  });

  it('stops a nested merge-key bomb', async () => {
    assert.deepEqual(codes(await check(mergeKeyBomb(40))), ['yaml-alias-limit']);
  });

  it('still expands a few levels of legitimate merge keys', async () => {
    const analysis = await check(mergeKeyBomb(6));
    assert.deepEqual(codes(analysis).filter((c) => c.startsWith('yaml')), []);
    assert.ok(analysis.project.services.web);
  });

  it('reports an anchor that contains an alias to itself', async () => {
    for (const text of SELF_ALIASES) {
      assert.deepEqual(codes(await check(text)), ['yaml-alias-cycle'], text);
      assert.deepEqual(codes(analyzeCompose({ options: { files: [FILE], env: {} }, buffers: { [FILE]: text } })), ['yaml-alias-cycle'], text);
    }
  });

  it('bounds nesting depth, written or through aliases', async () => {
    assert.deepEqual(codes(await check(deepNesting(3000))), ['yaml-too-deep']);
    const chain = Array.from({ length: 80 }, (_, i) => `x-a${i + 1}: &a${i + 1} [*a${i}]`).join('\n');
    assert.deepEqual(codes(await check(`x-a0: &a0 [1]\n${chain}\nservices:\n  web:\n    image: x\n`)), ['yaml-too-deep']);
  });

  it('loads 150,000 keys in one mapping, finding a duplicate at the end', async () => {
    const analysis = await check(wideMapping(), true);
    assert.deepEqual(codes(analysis), ['yaml-syntax']);
    assert.equal(analysis.diagnostics[0].range.start.line, 150_004);
  });

  it('caps the problems of a file with 150,000 unknown keys', async () => {
    const analysis = await check(`services:\n  web:\n    image: x\n${manyKeys(150_000, '    ')}\n`, true);
    assert.equal(analysis.diagnostics.length, COMPOSE_LIMITS.maxDiagnosticsPerFile + 1);
    assert.equal(analysis.diagnostics.at(-1)?.code, 'too-many-problems');
    assert.match(analysis.diagnostics.at(-1)?.message ?? '', /^149500 more problems/);
  });

  it('refuses a file over the size limit with one diagnostic', async () => {
    const analysis = await check(`x: "${'a'.repeat(COMPOSE_LIMITS.maxFileChars)}"\n`, true);
    assert.deepEqual(codes(analysis), ['file-too-large']);
  });

  it('reports a checker that cannot start instead of waiting forever', async () => {
    const broken = new ComposeAnalyzer(path.join(repoRoot, 'out', 'no-such-worker.js'), 10_000);
    try {
      const analysis = await broken.analyze({ options: { files: [FILE], env: {} }, buffers: { [FILE]: 'services: {}\n' } });
      assert.deepEqual(codes(analysis), ['internal']);
      assert.match(analysis.diagnostics[0].message, /could not/);
    } finally {
      broken.dispose();
    }
  });

  it('reports an analysis that runs too long, and recovers for the next file', async () => {
    const slow = new ComposeAnalyzer(WORKER, 1);
    try {
      const analysis = await slow.analyze({ options: { files: [FILE], env: {} }, buffers: { [FILE]: 'services:\n  web:\n    image: x\n' } });
      assert.deepEqual(codes(analysis), ['analysis-timeout']);
    } finally {
      slow.dispose();
    }
    assert.deepEqual(codes(await check('services:\n  web:\n    image: x\n')), []);
  });
});
