import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { parseImageConfig, parseManifest, preferredImage } from '../../../src/registry/manifestDetails';
import { parseRegistryErrors } from '../../../src/registry/registryErrors';
import { fixturePath } from '../../support/paths';

// Captured from the rig's registry: the test image pushed by the engine, its config blob, and an
// OCI index put over it (two platforms and a BuildKit-style attestation entry).
const read = (name: string): string => fs.readFileSync(fixturePath('registry', name), 'utf8');

describe('manifest details', () => {
  it('sums config and layer sizes of a docker v2 manifest', () => {
    const m = parseManifest(read('dockerManifest.json'));
    assert.equal(m.isList, false);
    assert.equal(m.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    assert.equal(m.config?.size, 911);
    assert.equal(m.config!.size + m.layersSize, 911 + 1069074);
  });

  it('lists the platforms of an OCI index, without attestations', () => {
    const m = parseManifest(read('ociIndex.json'));
    assert.equal(m.isList, true);
    assert.equal(m.mediaType, 'application/vnd.oci.image.index.v1+json');
    assert.deepEqual(m.images.map((i) => i.platform), ['linux/amd64', 'linux/arm/v7']);
    assert.equal(preferredImage(m.images, 'linux/arm')?.platform, 'linux/arm/v7');
    assert.equal(preferredImage(m.images, 'linux/s390x')?.platform, 'linux/amd64');
  });

  it('takes the media type from Content-Type when the body has none', () => {
    const body = JSON.stringify({ schemaVersion: 2, config: { digest: 'sha256:a', size: 1 }, layers: [] });
    assert.equal(parseManifest(body, 'application/vnd.oci.image.manifest.v1+json; charset=utf-8').mediaType, 'application/vnd.oci.image.manifest.v1+json');
  });

  it('refuses schema 1 manifests with a reason', () => {
    assert.throws(() => parseManifest('{"schemaVersion":1,"fsLayers":[]}'), /schema 1/);
  });

  it('reads created and platform from the config blob', () => {
    const config = parseImageConfig(read('imageConfig.json'));
    assert.equal(config.platform, 'linux/amd64');
    assert.ok(!Number.isNaN(new Date(config.created ?? '').getTime()));
  });

  it('reads the registry\'s errors[].message and codes', () => {
    assert.deepEqual(parseRegistryErrors(read('manifestUnknownError.json')), { message: 'manifest unknown', codes: ['MANIFEST_UNKNOWN'] });
    assert.deepEqual(parseRegistryErrors(read('deleteUnsupportedError.json')), { message: 'The operation is unsupported.', codes: ['UNSUPPORTED'] });
    assert.equal(parseRegistryErrors('<html>bad gateway</html>'), undefined);
  });
});
