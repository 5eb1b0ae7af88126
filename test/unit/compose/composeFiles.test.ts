import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { discoverComposeFiles, isComposeFileName, isOverrideFileName, overrideFileNamesFor, withOverride } from '../../../src/compose/composeFiles';
import { fixturePath } from '../../support/paths';

const dir = (name: string): string => fixturePath('compose', 'files', name);

describe('compose file discovery', () => {
  it('recognises compose file names', () => {
    for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml', 'compose.override.yaml', 'docker-compose.prod.yml', '/x/y/compose.dev.yaml']) {
      assert.equal(isComposeFileName(name), true, name);
    }
    for (const name of ['compose.json', 'my-compose.yaml', 'composer.yaml', 'docker-compose', 'values.yaml']) {
      assert.equal(isComposeFileName(name), false, name);
    }
  });

  it('recognises override files', () => {
    assert.equal(isOverrideFileName('/p/compose.override.yml'), true);
    assert.equal(isOverrideFileName('docker-compose.override.yaml'), true);
    assert.equal(isOverrideFileName('compose.yaml'), false);
    assert.equal(isOverrideFileName('compose.prod.yaml'), false);
  });

  it('pairs each compose file with overrides of its own family, same extension first', () => {
    assert.deepEqual(overrideFileNamesFor('/p/compose.yaml'), ['/p/compose.override.yaml', '/p/compose.override.yml']);
    assert.deepEqual(overrideFileNamesFor('/p/docker-compose.yml'), ['/p/docker-compose.override.yml', '/p/docker-compose.override.yaml']);
    assert.deepEqual(overrideFileNamesFor('/p/compose.prod.yaml'), []);
  });

  it('finds compose.yaml with its override', () => {
    assert.deepEqual(discoverComposeFiles(dir('compose-yaml')), {
      files: [path.join(dir('compose-yaml'), 'compose.yaml'), path.join(dir('compose-yaml'), 'compose.override.yaml')],
      ignored: [],
    });
  });

  it('accepts an override with the other extension', () => {
    const found = discoverComposeFiles(dir('compose-yml-with-yaml-override'));
    assert.deepEqual(found?.files.map((f) => path.basename(f)), ['compose.yml', 'compose.override.yaml']);
  });

  it('finds docker-compose names', () => {
    const found = discoverComposeFiles(dir('docker-compose'));
    assert.deepEqual(found?.files.map((f) => path.basename(f)), ['docker-compose.yaml', 'docker-compose.override.yml']);
  });

  it('prefers compose.* over docker-compose.* and reports the file it ignored', () => {
    const found = discoverComposeFiles(dir('several'));
    assert.deepEqual(found?.files.map((f) => path.basename(f)), ['compose.yml']);
    assert.deepEqual(found?.ignored.map((f) => path.basename(f)), ['docker-compose.yml']);
  });

  it('returns undefined for a folder without compose files', () => {
    assert.equal(discoverComposeFiles(dir('none')), undefined);
  });

  it('adds the override to an explicitly chosen file', () => {
    const file = path.join(dir('docker-compose'), 'docker-compose.yaml');
    assert.deepEqual(withOverride(file), [file, path.join(dir('docker-compose'), 'docker-compose.override.yml')]);
    const lone = path.join(dir('several'), 'compose.yml');
    assert.deepEqual(withOverride(lone), [lone]);
  });
});
