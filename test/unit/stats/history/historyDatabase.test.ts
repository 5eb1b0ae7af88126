import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import { HistoryDatabase, journalPathFor } from '../../../../src/stats/history/historyDatabase';
import { encodeSamples, parseJournal, readJournalTail } from '../../../../src/stats/history/metricsJournal';
import { METRICS_SCHEMA_VERSION } from '../../../../src/stats/history/metricsSchema';
import { makeTempDir, removeTempDir, sample, WASM_PATH } from './historySupport';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const ENGINE = 'ENGINE-1';
const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);
const ALL = [0, Number.MAX_SAFE_INTEGER] as const;

describe('metrics journal', () => {
  it('round-trips samples, groups them by engine, and skips a line cut short', () => {
    const s1 = sample(A, T0, { cpuPercent: 1.5, memoryUsedBytes: 10, memoryLimitBytes: 100, pids: 3 });
    const s2 = sample(B, T0, { networkRxBytes: 7 });
    delete s1.memoryPercent;
    const text = encodeSamples(ENGINE, [s1, s2]) + encodeSamples('OTHER', [s2]) + '{"e":"ENGINE-1","c":"' + A;
    const { records, consumed } = parseJournal(Buffer.from(text));
    assert.equal(consumed, text.lastIndexOf('\n') + 1, 'the partial last line is left for later');
    assert.deepEqual(records, [
      { kind: 'samples', engineId: ENGINE, samples: [s1, s2] },
      { kind: 'samples', engineId: 'OTHER', samples: [s2] },
    ]);
  });

  it('a reader notices a journal started over (new inode) and reads it from the start', () => {
    const dir = makeTempDir();
    try {
      const file = path.join(dir, 'j');
      writeFileSync(file, encodeSamples(ENGINE, [sample(A, T0)]));
      const first = readJournalTail(file, undefined);
      assert.equal(first.records.length, 1);
      appendFileSync(file, encodeSamples(ENGINE, [sample(A, T0 + 1)]));
      const second = readJournalTail(file, first.position);
      assert.deepEqual(second.records.map((r) => r.kind === 'samples' && r.samples[0].timestamp), [T0 + 1]);
      writeFileSync(`${file}.new`, encodeSamples(ENGINE, [sample(A, T0 + 2)]));
      renameSync(`${file}.new`, file);
      const third = readJournalTail(file, second.position);
      assert.equal(third.restarted, true);
      assert.deepEqual(third.records.map((r) => r.kind === 'samples' && r.samples[0].timestamp), [T0 + 2]);
    } finally {
      removeTempDir(dir);
    }
  });
});

describe('shared history: one writer, readers following it', () => {
  let dir: string;
  let file: string;
  const open: HistoryDatabase[] = [];
  const openAs = async (mode: 'reader' | 'writer'): Promise<Awaited<ReturnType<typeof HistoryDatabase.open>>> => {
    const result = await HistoryDatabase.open(file, WASM_PATH, mode);
    open.push(result.database);
    return result;
  };

  beforeEach(() => {
    dir = makeTempDir();
    file = path.join(dir, 'metrics.sqlite');
  });
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
    removeTempDir(dir);
  });

  it('a reader sees the writer\'s samples through the journal, a compaction, and a clear', async () => {
    const { database: writer } = await openAs('writer');
    const { database: reader } = await openAs('reader');
    writer.insert(ENGINE, [sample(A, T0, { cpuPercent: 1 }), sample(B, T0, { cpuPercent: 2 })]);
    let changes = await reader.poll();
    assert.deepEqual(changes.samples.map((b) => b.samples.map((s) => s.containerId)), [[A, B]]);
    assert.equal(reader.store.query(A, ...ALL, ENGINE).length, 1);

    await writer.compact();
    writer.insert(ENGINE, [sample(A, T0 + 5_000, { cpuPercent: 3 })]);
    changes = await reader.poll();
    assert.equal(changes.reloaded, true);
    assert.deepEqual(changes.samples.flatMap((b) => b.samples.map((s) => s.timestamp)), [T0 + 5_000], 'a reload reports only what is new');
    assert.deepEqual(reader.store.query(A, ...ALL, ENGINE).map((s) => s.cpuPercent), [1, 3]);

    await writer.clear();
    changes = await reader.poll();
    assert.equal(changes.cleared, true);
    assert.deepEqual(reader.store.containers(), []);
    assert.throws(() => reader.insert(ENGINE, [sample(A, T0)]), /does not record/);
  });

  it('a writer killed before compacting loses nothing it journaled; replay never undoes a clear', async () => {
    const { database: first } = await openAs('writer');
    first.insert(ENGINE, [sample(A, T0), sample(A, T0 + 5_000)]);
    await first.clear();
    first.insert(ENGINE, [sample(A, T0 + 10_000)]);
    // No close, no compaction: as after kill -9 (the journal's last line cut short, too).
    appendFileSync(journalPathFor(file), '{"e":"ENGINE-1","c":"aaaa');
    const { database: second } = await openAs('writer');
    assert.deepEqual(second.store.query(A, ...ALL, ENGINE).map((s) => s.timestamp), [T0 + 10_000]);
    second.insert(ENGINE, [sample(A, T0 + 15_000)]);
    const { database: reader } = await openAs('reader');
    assert.deepEqual(reader.store.query(A, ...ALL, ENGINE).map((s) => s.timestamp), [T0 + 10_000, T0 + 15_000]);
  });

  it('a corrupt file: readers leave it alone, the writer sets it aside once and readers then follow the new one', async () => {
    const garbage = randomBytes(8192);
    writeFileSync(file, garbage);
    const { database: reader, unreadable, recovered: notByReader } = await openAs('reader');
    assert.equal(unreadable?.reason, 'corrupt');
    assert.equal(notByReader, undefined);
    assert.deepEqual(readFileSync(file), garbage, 'a reader never moves or rewrites the file');

    const { database: writer, recovered } = await openAs('writer');
    assert.equal(recovered?.reason, 'corrupt');
    assert.deepEqual(readFileSync(recovered.movedTo), garbage);
    assert.equal(readdirSync(dir).filter((n) => n.includes('.corrupt-')).length, 1);
    writer.insert(ENGINE, [sample(A, T0)]);
    await reader.poll();
    assert.equal(reader.store.query(A, ...ALL, ENGINE).length, 1, 'the reader follows the new history');
  });

  it('a newer-schema file while another window records: only the writer sets it aside', async () => {
    const SQL = await initSqlJs({ locateFile: () => WASM_PATH });
    const newer = new SQL.Database();
    newer.exec(`CREATE TABLE future (x INTEGER); PRAGMA user_version = ${METRICS_SCHEMA_VERSION + 1};`);
    const bytes = newer.export();
    newer.close();
    writeFileSync(file, bytes);
    const { database: reader, unreadable } = await openAs('reader');
    assert.equal(unreadable?.reason, 'newerSchema');
    assert.equal(existsSync(file), true);
    // The reader becomes the writer (it took the lease over): now it sets the file aside.
    const result = await reader.setMode('writer');
    assert.equal(result.recovered?.reason, 'newerSchema');
    assert.deepEqual(new Uint8Array(readFileSync(result.recovered.movedTo)), bytes);
    reader.insert(ENGINE, [sample(A, T0)]);
    assert.equal(reader.store.query(A, ...ALL, ENGINE).length, 1);
  });
});
