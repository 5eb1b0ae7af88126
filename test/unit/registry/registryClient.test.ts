import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopback, RegistryClient, registryHost } from '../../../src/registry/registryClient';
import { mapWithLimit } from '../../../src/registry/limiter';

describe('registry addresses', () => {
  it('normalises hosts, Docker Hub to registry-1.docker.io', () => {
    assert.equal(registryHost('https://Ghcr.io/v2/'), 'ghcr.io');
    assert.equal(registryHost('docker.io'), 'registry-1.docker.io');
    assert.equal(registryHost('index.docker.io'), 'registry-1.docker.io');
  });

  it('speaks http to loopback and insecure registries, https otherwise', () => {
    assert.ok(isLoopback('localhost:5000') && isLoopback('127.0.0.1:5001') && isLoopback('[::1]:5000'));
    assert.equal(isLoopback('10.0.0.1:5000'), false);
    assert.equal(new RegistryClient({ registry: '127.0.0.1:5001' }).baseUrl, 'http://127.0.0.1:5001');
    assert.equal(new RegistryClient({ registry: 'reg.lan:5000', insecure: true }).baseUrl, 'http://reg.lan:5000');
    assert.equal(new RegistryClient({ registry: 'ghcr.io' }).baseUrl, 'https://ghcr.io');
  });
});

describe('bounded concurrency', () => {
  it('never runs more than the limit at once and keeps the order of results', async () => {
    let running = 0;
    let most = 0;
    const results = await mapWithLimit([...Array(20).keys()], 6, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      if (n === 3) throw new Error('three');
      return n * 2;
    });
    assert.equal(most, 6);
    assert.deepEqual(results[2], { status: 'fulfilled', value: 4 });
    assert.equal(results[3].status, 'rejected');
    assert.equal(results.length, 20);
  });
});

describe('unreachable registries', () => {
  it('name the registry and the reason when nothing listens', async () => {
    // A loopback port nothing listens on: refused at once, no network involved.
    await assert.rejects(new RegistryClient({ registry: '127.0.0.1:5999' }).check(), /^RegistryError: Cannot reach 127\.0\.0\.1:5999: ECONNREFUSED$/);
  });

  it('explain the ports fetch refuses to use', async () => {
    await assert.rejects(new RegistryClient({ registry: '127.0.0.1:6000' }).check(), /Cannot reach 127\.0\.0\.1:6000: Node's fetch refuses that port/);
  });
});
