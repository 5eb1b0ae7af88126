import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateContainerName } from '../../../src/containers/containerActions';
import { validateNetworkOptions } from '../../../src/networks/networkActions';
import { parseLabels, validateVolumeName } from '../../../src/volumes/volumeActions';

describe('validateContainerName', () => {
  for (const name of ['web', 'web-1', 'my_app.v2', 'A1', '/leading-slash', '9lives']) {
    it(`accepts ${name}`, () => assert.equal(validateContainerName(name), undefined));
  }
  for (const name of ['a', '-web', '_web', '.web', 'my app', 'web/1', 'wéb', 'x:y']) {
    it(`refuses ${JSON.stringify(name)}`, () => {
      assert.equal(validateContainerName(name), `Container names must be at least 2 characters, start with a letter or digit and contain only letters, digits, '_', '.' and '-': '${name}'`);
    });
  }
  it('asks for a name when empty', () => assert.equal(validateContainerName('  '), 'Enter a container name.'));
});

describe('validateVolumeName', () => {
  for (const name of ['data', 'pg_data-1', 'x.y', '00']) {
    it(`accepts ${name}`, () => assert.equal(validateVolumeName(name), undefined));
  }
  for (const name of ['a', 'b c', '/abs/path', '-x', 'vol:ro']) {
    it(`refuses ${JSON.stringify(name)}`, () => assert.match(validateVolumeName(name) ?? '', /^Volume names must be at least 2 characters/));
  }
  it('asks for a name when empty', () => assert.equal(validateVolumeName(''), 'Enter a volume name.'));
});

describe('validateNetworkOptions', () => {
  const ok = [
    { name: 'backend' },
    { name: 'n', driver: 'bridge' },
    { name: 'net', subnet: '172.28.0.0/16' },
    { name: 'net', subnet: '172.28.5.0/24', gateway: '172.28.5.254' },
    { name: 'net', subnet: '10.0.0.0/30', gateway: '10.0.0.1' },
    { name: 'net', subnet: 'fd00:dead:beef::/48', gateway: 'fd00:dead:beef::1' },
    { name: 'net', subnet: ' 192.168.7.0/24 ', gateway: '' },
    { name: 'net', driver: 'weaveworks/net-plugin:latest' },
  ];
  for (const o of ok) it(`accepts ${JSON.stringify(o)}`, () => assert.equal(validateNetworkOptions(o), undefined));

  const bad: [Parameters<typeof validateNetworkOptions>[0], string][] = [
    [{ name: '' }, 'Enter a network name.'],
    [{ name: 'my net' }, "Network names must start with a letter or digit and contain only letters, digits, '_', '.' and '-': 'my net'"],
    [{ name: 'bridge' }, "'bridge' is the name of a built-in network."],
    [{ name: 'n', driver: 'bad driver' }, "'bad driver' is not a valid network driver name."],
    [{ name: 'n', gateway: '10.0.0.1' }, 'A gateway needs a subnet to belong to; enter the subnet too.'],
    [{ name: 'n', subnet: '10.0.0.0' }, "Invalid subnet: '10.0.0.0' needs a prefix length, e.g. 172.20.0.0/16."],
    [{ name: 'n', subnet: '10.0.0.256/24' }, "Invalid subnet: '10.0.0.256' is not an IP address."],
    [{ name: 'n', subnet: '10.0.0.0/33' }, "Invalid subnet: the prefix length in '10.0.0.0/33' must be 0 to 32."],
    [{ name: 'n', subnet: '10.0.0.0/x' }, "Invalid subnet: the prefix length in '10.0.0.0/x' must be 0 to 32."],
    [{ name: 'n', subnet: 'fd00::/129' }, "Invalid subnet: the prefix length in 'fd00::/129' must be 0 to 128."],
    [{ name: 'n', subnet: '10.99.0.1/24' }, 'Subnet 10.99.0.1/24 has host bits set; did you mean 10.99.0.0/24?'],
    [{ name: 'n', subnet: 'fd00::1/64' }, 'Subnet fd00::1/64 has host bits set; did you mean fd00::/64?'],
    [{ name: 'n', subnet: '10.0.0.0/24', gateway: '10.0.1.1' }, 'The gateway 10.0.1.1 is outside the subnet 10.0.0.0/24.'],
    [{ name: 'n', subnet: '10.0.0.0/24', gateway: 'gw' }, "Invalid gateway: 'gw' is not an IP address."],
    [{ name: 'n', subnet: '10.0.0.0/24', gateway: 'fd00::1' }, 'The gateway fd00::1 is not of the same IP version as the subnet 10.0.0.0/24.'],
    [{ name: 'n', subnet: '10.0.0.0/24', gateway: '10.0.0.0' }, "The gateway 10.0.0.0 is the subnet's network address; use a host address such as the first one."],
    [{ name: 'n', subnet: '10.0.0.0/24', gateway: '10.0.0.255' }, "The gateway 10.0.0.255 is the subnet's broadcast address."],
  ];
  for (const [o, message] of bad) it(`refuses ${JSON.stringify(o)}`, () => assert.equal(validateNetworkOptions(o), message));
});

describe('parseLabels', () => {
  it('parses comma- and line-separated labels, trimming around names and values', () => {
    assert.deepEqual(parseLabels('a=b, c=d'), { ok: true, labels: { a: 'b', c: 'd' } });
    assert.deepEqual(parseLabels('com.example.team = payments\norg.opencontainers.image.title=My App,'), {
      ok: true,
      labels: { 'com.example.team': 'payments', 'org.opencontainers.image.title': 'My App' },
    });
  });
  it('keeps "=" and commas inside values, and a bare name as an empty value', () => {
    assert.deepEqual(parseLabels('expr=a=b, list=x,y,z'), { ok: true, labels: { expr: 'a=b', list: 'x,y,z' } });
    assert.deepEqual(parseLabels('flag'), { ok: true, labels: { flag: '' } });
    assert.deepEqual(parseLabels('empty='), { ok: true, labels: { empty: '' } });
  });
  it('accepts empty text as no labels', () => assert.deepEqual(parseLabels('  '), { ok: true, labels: {} }));
  it('refuses a missing name, spaces in a name and duplicates', () => {
    assert.deepEqual(parseLabels('=value'), { ok: false, message: "A label needs a name before '=': '=value'" });
    assert.deepEqual(parseLabels('my label=x'), { ok: false, message: "Label names cannot contain spaces: 'my label'" });
    assert.deepEqual(parseLabels('a=1, a=2'), { ok: false, message: "The label 'a' is given twice." });
  });
});
