import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { baseImageRegistries } from '../../../src/build/baseImages';
import { parseDockerfile } from '../../../src/build/dockerfileParse';
import { fixturePath } from '../../support/paths';

describe('baseImageRegistries', () => {
  it('the multi-stage fixture: ${BASE} from its default, later stages built on it are no pulls', () => {
    const parsed = parseDockerfile(readFileSync(fixturePath('build', 'multistage', 'Dockerfile'), 'utf8'));
    assert.deepEqual(baseImageRegistries(parsed), [undefined], 'berth-test/busybox is a Docker Hub name');
    assert.deepEqual(baseImageRegistries(parsed, { BASE: 'registry.example.com:5000/team/base:1' }), ['registry.example.com:5000']);
  });

  it('each registry once; scratch, unresolved variables and stage names left out', () => {
    const parsed = parseDockerfile(
      [
        'ARG TAG',
        'FROM ghcr.io/owner/tools:${TAG:-latest} AS tools',
        'FROM scratch AS empty',
        'FROM $UNKNOWN',
        'FROM tools',
        'FROM ghcr.io/owner/other',
        'FROM docker.io/library/alpine:3',
        'FROM 127.0.0.1:5000/x@sha256:' + 'a'.repeat(64),
      ].join('\n'),
    );
    assert.deepEqual(baseImageRegistries(parsed), ['ghcr.io', undefined, '127.0.0.1:5000']);
  });
});
