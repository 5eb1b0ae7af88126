import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import type { BenchResult, BenchRow, BenchSection } from '../../../bench/benchmark';
import { groupBySection, renderBenchmarksMarkdown, renderRow, type BenchEnvironment } from '../../../bench/benchmarksMarkdown';
import { fixturePath } from '../../support/paths';

const environment: BenchEnvironment = {
  date: new Date('2026-11-28T13:05:42.123Z'),
  cores: 2,
  cpuModel: 'AMD EPYC',
  memoryGiB: 23.54,
  kernel: '6.1.0',
  nodeVersion: 'v20.20.2',
  engineVersion: '20.10.24+dfsg1',
  apiVersion: '1.41',
  storageDriver: 'overlay2',
  cgroupVersion: '1',
  cliVersion: '28.2.2',
  dockerHost: 'unix:///tmp/berth-engine/docker.sock',
  loadAtStart: 1.25,
  loadAtEnd: 2.5,
};

const foundation: BenchSection = { id: 'foundation', title: 'Foundation', intro: 'Listing and idle cost.' };
const later: BenchSection = { id: 'logs', title: 'Issue 7: logs', intro: 'Log streaming.' };

const listingRow: BenchRow = {
  measured: 'List all containers',
  berth: 'median 21 ms, p90 25 ms',
  comparisons: [
    { label: 'raw', figure: 'median 20 ms, p90 23 ms' },
    { label: 'docker CLI', figure: 'median 120 ms, p90 140 ms' },
  ],
  checks: [
    { ratioName: 'Berth/raw', ratio: 1.05, target: '≤ 1.3×', met: true },
    { ratioName: 'Berth/CLI', ratio: 0.175, target: '≤ 0.5×', met: true },
  ],
};
const idleRow: BenchRow = { measured: 'Idle requests in 60 s', berth: '0 requests', comparisons: [], checks: [{ target: '0 requests', met: true }] };

describe('renderRow', () => {
  it('puts every comparison, ratio and target of a row in its cells', () => {
    assert.equal(
      renderRow(listingRow),
      '| List all containers | median 21 ms, p90 25 ms | raw: median 20 ms, p90 23 ms; docker CLI: median 120 ms, p90 140 ms | ' +
        'Berth/raw 1.05×; Berth/CLI 0.17× | Berth/raw ≤ 1.3×; Berth/CLI ≤ 0.5× | yes |',
    );
  });

  it('shows dashes where a row has no comparison or ratio', () => {
    assert.equal(renderRow(idleRow), '| Idle requests in 60 s | 0 requests | — | — | 0 requests | yes |');
  });

  it('names the missed target when a row has several', () => {
    const missed = { ...listingRow, checks: [listingRow.checks[0], { ...listingRow.checks[1], ratio: 0.7, met: false }] };
    assert.match(renderRow(missed), /\| no \(Berth\/CLI\) \|$/);
    assert.match(renderRow({ ...idleRow, checks: [{ target: '0 requests', met: false }] }), /\| no \|$/);
  });

  it('escapes pipes inside cells so the table keeps its columns', () => {
    assert.match(renderRow({ ...idleRow, measured: 'a | b' }), /^\| a \\\| b \|/);
  });
});

describe('renderBenchmarksMarkdown', () => {
  it('writes the header and one section per issue, rows in registration order', () => {
    const results: { section: BenchSection; result: BenchResult }[] = [
      { section: foundation, result: { rows: [listingRow], notes: ['Fixture: 500 containers, 20 running.'] } },
      { section: later, result: { rows: [{ ...idleRow, measured: 'Log lines per second' }], notes: [] } },
      { section: foundation, result: { rows: [idleRow], notes: ['Idle: through the counting proxy.'] } },
    ];
    const markdown = renderBenchmarksMarkdown(environment, groupBySection(results));
    assert.equal(markdown, fs.readFileSync(fixturePath('bench', 'benchmarks.md'), 'utf8'));
  });
});
