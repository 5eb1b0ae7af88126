import { createHmac } from 'node:crypto';

// The docker CLI reaches ssh:// engines through the ssh program, which refuses a host whose key is
// unknown or changed. Berth speaks SSH itself (ssh2), so it has to make the same check, or a
// man in the middle would get the engine, which is root on that host.

/** What known_hosts says about a host's key. */
export type HostKeyVerdict = 'trusted' | 'unknown' | 'changed' | 'revoked';

interface KnownHostLine {
  marker: '' | '@revoked' | '@cert-authority';
  patterns: string;
  keyType: string;
  key: Buffer;
}

function parseLines(text: string): KnownHostLine[] {
  const lines: KnownHostLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: KnownHostLine['marker'] = '';
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') marker = fields.shift() as KnownHostLine['marker'];
    if (fields.length < 3) continue;
    const key = Buffer.from(fields[2], 'base64');
    if (key.length === 0) continue;
    lines.push({ marker, patterns: fields[0], keyType: fields[1], key });
  }
  return lines;
}

/** How ssh names a host in known_hosts: the bare name on port 22, else "[name]:port". */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

function hashedMatches(entry: string, name: string): boolean {
  // |1|base64(salt)|base64(HMAC-SHA1(salt, name))
  const parts = entry.split('|');
  if (parts.length !== 4 || parts[1] !== '1') return false;
  const digest = createHmac('sha1', Buffer.from(parts[2], 'base64')).update(name).digest('base64');
  return digest === parts[3];
}

/** Whether a comma-separated host pattern list names `name`; a matching negated pattern excludes it. */
export function patternsMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith('|')) return hashedMatches(patterns, name);
  let matched = false;
  for (const pattern of patterns.split(',')) {
    if (pattern.startsWith('!')) {
      if (globToRegExp(pattern.slice(1)).test(name)) return false;
    } else if (globToRegExp(pattern).test(name)) {
      matched = true;
    }
  }
  return matched;
}

/**
 * Checks the key an SSH server presented (the raw public key blob) against known_hosts texts, as
 * ssh's StrictHostKeyChecking does: trusted when a line for the host holds this key, changed when
 * lines for the host hold only other keys, revoked when a @revoked line holds it.
 */
export function checkHostKey(knownHostsTexts: readonly string[], host: string, port: number, serverKey: Buffer): HostKeyVerdict {
  const name = knownHostsName(host, port);
  let sawHost = false;
  let trusted = false;
  for (const text of knownHostsTexts) {
    for (const line of parseLines(text)) {
      if (line.marker === '@revoked') {
        if (line.key.equals(serverKey)) return 'revoked';
        continue;
      }
      // Host certificates are not checked by Berth; a CA line neither trusts nor distrusts.
      if (line.marker === '@cert-authority' || !patternsMatch(line.patterns, name)) continue;
      sawHost = true;
      if (line.key.equals(serverKey)) trusted = true;
    }
  }
  if (trusted) return 'trusted';
  return sawHost ? 'changed' : 'unknown';
}

/** The sentence a user reads when Berth refuses a host key. */
export function hostKeyProblem(verdict: Exclude<HostKeyVerdict, 'trusted'>, host: string, port: number): string {
  const name = knownHostsName(host, port);
  const connectOnce = port === 22 ? `ssh ${host}` : `ssh -p ${port} ${host}`;
  switch (verdict) {
    case 'unknown':
      return `The SSH host key of ${name} is not in ~/.ssh/known_hosts. Connect once with "${connectOnce}" and check the fingerprint, then retry.`;
    case 'changed':
      return `The SSH host key of ${name} does not match the one in ~/.ssh/known_hosts. Someone may be intercepting the connection, or the host was reinstalled: check before you remove the old key (ssh-keygen -R "${name}").`;
    case 'revoked':
      return `The SSH host key of ${name} is marked @revoked in known_hosts.`;
  }
}
