import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineProduct } from '../../../src/engine/engineIdentity';

// /version answers as the engines send them (trimmed to the fields read).
describe('engineProduct', () => {
  it("names Podman from its components, whatever its platform says", () => {
    assert.equal(engineProduct({ Platform: { Name: 'linux/amd64/debian-12' }, Components: [{ Name: 'Podman Engine' }, { Name: 'Conmon' }] }), 'Podman');
  });
  it('names Docker Desktop from its platform name', () => {
    assert.equal(engineProduct({ Platform: { Name: 'Docker Desktop 4.37.1 (178610)' }, Components: [{ Name: 'Engine' }] }), 'Docker Desktop');
  });
  it("calls the rest Docker Engine (Debian's docker.io sends an empty platform name)", () => {
    assert.equal(engineProduct({ Platform: { Name: '' }, Components: [{ Name: 'Engine' }, { Name: 'containerd' }] }), 'Docker Engine');
    assert.equal(engineProduct({}), 'Docker Engine');
  });
});
