import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultImageTag, isDockerfileName } from '../../../src/build/dockerfileNames';
import { parseImageReference } from '../../../src/images/imageReference';
import { repoRoot } from '../../support/paths';
import * as path from 'node:path';

const NAMES = ['Dockerfile', 'dockerfile', 'Containerfile', 'Dockerfile.dev', 'dockerfile.prod.arm64', 'api.Dockerfile', 'web.containerfile'];
const NOT = ['Dockerfile-old', 'MyDockerfile', 'docker-compose.yml', 'Dockerfile.', '.Dockerfile', 'Dockerfiles'];

describe('isDockerfileName', () => {
  it('takes the usual Dockerfile names and no others', () => {
    for (const name of NAMES) assert.equal(isDockerfileName(name), true, name);
    for (const name of NOT) assert.equal(isDockerfileName(name), false, name);
  });

  it('package.json\'s menu regex agrees with it', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
    const whens = Object.values(manifest.contributes.menus).flat().filter((m) => m.command === 'berth.image.build' && m.when?.includes('resourceFilename'));
    assert.ok(whens.length >= 3, 'the Explorer, editor title and its context menu');
    const sources = new Set(whens.map((m) => /resourceFilename =~ \/(.+?)\/i/.exec(m.when ?? '')?.[1]));
    assert.equal(sources.size, 1, 'one regex everywhere');
    const [source] = [...sources];
    assert.ok(source);
    const regex = new RegExp(source, 'i');
    for (const name of NAMES) assert.equal(regex.test(name), true, name);
    for (const name of NOT) assert.equal(regex.test(name), false, name);
  });
});

describe('defaultImageTag', () => {
  it('makes a valid reference from any folder name', () => {
    assert.equal(defaultImageTag('My App'), 'my-app:latest');
    assert.equal(defaultImageTag('api_server'), 'api_server:latest');
    assert.equal(defaultImageTag('--Weird..Name--'), 'weird.name:latest');
    assert.equal(defaultImageTag('日本'), 'image:latest');
    for (const name of ['My App', 'a..b', 'x__y', '_lead', 'ok-1.2']) {
      const parsed = parseImageReference(defaultImageTag(name));
      assert.ok(parsed.ok, `${name}: ${parsed.ok ? '' : parsed.message}`);
    }
  });
});
