import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { checkHostKey, hostKeyProblem, knownHostsName, patternsMatch } from '../../../src/engine/sshKnownHosts';

// Real ed25519 public keys in the SSH wire format, as servers present them and known_hosts stores them.
function sshEd25519Blob(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const field = (b: Buffer): Buffer => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  return Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]);
}
const serverKey = sshEd25519Blob();
const otherKey = sshEd25519Blob();
const line = (hosts: string, key: Buffer, marker = ''): string => `${marker ? marker + ' ' : ''}${hosts} ssh-ed25519 ${key.toString('base64')}`;

function hashed(name: string): string {
  const salt = Buffer.from('0123456789abcdef0123');
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts', () => {
  it('names hosts as ssh does: bare on port 22, bracketed with the port otherwise', () => {
    assert.equal(knownHostsName('build.example', 22), 'build.example');
    assert.equal(knownHostsName('127.0.0.1', 2222), '[127.0.0.1]:2222');
  });

  it('trusts the key recorded for the host, among other lines and comments', () => {
    const text = ['# comment', line('other.example', otherKey), line('build.example,10.0.0.5', serverKey), ''].join('\n');
    assert.equal(checkHostKey([text], 'build.example', 22, serverKey), 'trusted');
    assert.equal(checkHostKey([text], '10.0.0.5', 22, serverKey), 'trusted');
  });

  it('tells an unknown host from a changed key', () => {
    const text = line('build.example', otherKey);
    assert.equal(checkHostKey([text], 'new.example', 22, serverKey), 'unknown');
    assert.equal(checkHostKey([text], 'build.example', 22, serverKey), 'changed');
  });

  it('keeps ports apart', () => {
    const text = line('[build.example]:2222', serverKey);
    assert.equal(checkHostKey([text], 'build.example', 2222, serverKey), 'trusted');
    assert.equal(checkHostKey([text], 'build.example', 22, serverKey), 'unknown');
  });

  it('matches hashed host names (HashKnownHosts yes)', () => {
    const text = line(hashed('[127.0.0.1]:2222'), serverKey);
    assert.equal(checkHostKey([text], '127.0.0.1', 2222, serverKey), 'trusted');
    assert.equal(checkHostKey([text], '127.0.0.2', 2222, serverKey), 'unknown');
  });

  it('honours wildcards and negations', () => {
    assert.equal(patternsMatch('*.example,!secret.example', 'build.example'), true);
    assert.equal(patternsMatch('*.example,!secret.example', 'secret.example'), false);
    assert.equal(patternsMatch('build?.example', 'build1.example'), true);
    assert.equal(patternsMatch('build.example', 'build.example.evil'), false);
  });

  it('refuses a revoked key even when another line trusts it, and checks the system file too', () => {
    assert.equal(checkHostKey([line('build.example', serverKey), line('*', serverKey, '@revoked')], 'build.example', 22, serverKey), 'revoked');
    assert.equal(checkHostKey(['', line('build.example', serverKey)], 'build.example', 22, serverKey), 'trusted');
  });

  it('does not let a @cert-authority line trust a plain key', () => {
    assert.equal(checkHostKey([line('*.example', serverKey, '@cert-authority')], 'build.example', 22, serverKey), 'unknown');
  });

  it('explains each refusal with the command that fixes it', () => {
    assert.match(hostKeyProblem('unknown', '127.0.0.1', 2222), /not in ~\/\.ssh\/known_hosts\. Connect once with "ssh -p 2222 127\.0\.0\.1"/);
    assert.match(hostKeyProblem('changed', 'build.example', 22), /ssh-keygen -R "build\.example"/);
  });
});
