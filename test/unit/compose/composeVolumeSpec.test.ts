import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isHostPath, parseVolume, parseVolumeLong, parseVolumeShort } from '../../../src/compose/composeVolumeSpec';

describe('parseVolumeShort', () => {
  it('tells anonymous, named and bind mounts apart', () => {
    assert.deepEqual(parseVolumeShort('/data'), { ok: true, mount: { type: 'volume', target: '/data', readOnly: false, options: [] } });
    assert.deepEqual(parseVolumeShort('db:/var/lib/db'), { ok: true, mount: { type: 'volume', source: 'db', target: '/var/lib/db', readOnly: false, options: [] } });
    for (const source of ['./x', '../x', '.', '/abs', '~', '~/x']) {
      const result = parseVolumeShort(`${source}:/t`);
      assert.ok(result.ok && result.mount.type === 'bind' && result.mount.source === source, source);
    }
  });

  it('reads access modes and keeps other flags', () => {
    assert.deepEqual(parseVolumeShort('./a:/a:ro,z'), { ok: true, mount: { type: 'bind', source: './a', target: '/a', readOnly: true, options: ['z'] } });
    assert.deepEqual(parseVolumeShort('v:/a:rw,nocopy'), { ok: true, mount: { type: 'volume', source: 'v', target: '/a', readOnly: false, options: ['nocopy'] } });
  });

  it('rejects malformed specs', () => {
    for (const spec of ['relative', 'a:relative', ':/x', 'a:/b:bogus', 'a:/b:ro,rw', 'a:b:c:d', 'bad name:/x']) {
      assert.equal(parseVolumeShort(spec).ok, false, spec);
    }
  });
});

describe('parseVolumeLong', () => {
  it('parses bind, volume and tmpfs mounts', () => {
    assert.deepEqual(parseVolumeLong({ type: 'bind', source: './a', target: '/a', read_only: true }), {
      ok: true,
      mount: { type: 'bind', source: './a', target: '/a', readOnly: true, options: [] },
    });
    assert.deepEqual(parseVolumeLong({ type: 'volume', target: '/v' }), { ok: true, mount: { type: 'volume', target: '/v', readOnly: false, options: [] } });
    assert.deepEqual(parseVolumeLong({ type: 'tmpfs', target: '/t' }), { ok: true, mount: { type: 'tmpfs', target: '/t', readOnly: false, options: [] } });
  });

  it('names the offending key and flags unsupported types', () => {
    const result = (spec: Record<string, unknown>): unknown => {
      const r = parseVolumeLong(spec);
      return r.ok ? 'ok' : [r.key, r.unsupported === true];
    };
    assert.deepEqual(result({ target: '/x' }), [undefined, false]);
    assert.deepEqual(result({ type: 'weird', target: '/x' }), ['type', false]);
    assert.deepEqual(result({ type: 'image', source: 'alpine', target: '/x' }), ['type', true]);
    assert.deepEqual(result({ type: 'bind', source: './a', target: 'rel' }), ['target', false]);
    assert.deepEqual(result({ type: 'tmpfs', source: 'x', target: '/t' }), ['source', false]);
    assert.deepEqual(result({ type: 'volume', source: 'a', target: '/t', read_only: 'yes' }), ['read_only', false]);
  });

  it('parseVolume rejects values that are neither strings nor mappings', () => {
    assert.equal(parseVolume(5).ok, false);
    assert.equal(parseVolume(null).ok, false);
    assert.equal(isHostPath('name'), false);
  });
});

describe('long-syntax mount options', () => {
  it('reads bind, volume and tmpfs options into the mount', () => {
    assert.deepEqual(parseVolumeLong({ type: 'bind', source: './a', target: '/a', bind: { propagation: 'rshared', selinux: 'z', create_host_path: true } }), {
      ok: true,
      mount: { type: 'bind', source: './a', target: '/a', readOnly: false, options: ['rshared', 'z'], createHostPath: true },
    });
    assert.deepEqual(parseVolumeLong({ type: 'volume', source: 'data', target: '/v', volume: { nocopy: true, subpath: 'sub/dir' } }), {
      ok: true,
      mount: { type: 'volume', source: 'data', target: '/v', readOnly: false, options: ['nocopy'], subpath: 'sub/dir' },
    });
    assert.deepEqual(parseVolumeLong({ type: 'tmpfs', target: '/t', tmpfs: { size: '64m', mode: '1777' } }), {
      ok: true,
      mount: { type: 'tmpfs', target: '/t', readOnly: false, options: [], tmpfsSize: 64 * 1024 ** 2, tmpfsMode: 0o1777 },
    });
  });

  it('names the options block when an option is wrong', () => {
    const problem = (spec: Record<string, unknown>): unknown => {
      const r = parseVolumeLong(spec);
      return r.ok ? 'ok' : [r.key, r.error];
    };
    assert.deepEqual(problem({ type: 'bind', source: './a', target: '/a', bind: { propagation: 'sideways' } }), [
      'bind',
      '"bind.propagation" must be one of shared, slave, private, rshared, rslave, rprivate.',
    ]);
    assert.deepEqual(problem({ type: 'tmpfs', target: '/t', tmpfs: { size: 'huge' } }), ['tmpfs', '"tmpfs.size" must be a size such as 64m, or a whole number of bytes.']);
    // Compose wants whole bytes: 0.0001 is refused, 1024 taken.
    assert.deepEqual(problem({ type: 'tmpfs', target: '/t', tmpfs: { size: 0.0001 } }), ['tmpfs', '"tmpfs.size" must be a size such as 64m, or a whole number of bytes.']);
    assert.equal(problem({ type: 'tmpfs', target: '/t', tmpfs: { size: 1024 } }), 'ok');
    assert.deepEqual(problem({ type: 'volume', target: '/v', volume: { subpath: '/abs' } }), ['volume', '"volume.subpath" must be a relative path inside the volume.']);
    assert.deepEqual(problem({ type: 'volume', target: '/v', volume: { labels: {} } }), ['volume', 'Unknown volume option "labels".']);
    // Options for another mount type do nothing, as in compose.
    assert.equal(problem({ type: 'volume', target: '/v', bind: { propagation: 'rshared' } }), 'ok');
  });
});
