// The token service of the rig's token-auth registry (scripts/testEngine.sh): the Bearer flow Docker
// Hub, GHCR and most cloud registries use. GET /token?service=…&scope=… answers a JWT signed with the
// key whose certificate the registry trusts. The test user gets what it asks for; anonymous callers
// get no access (the registry then answers 401); a wrong password gets 401 here. POST /token with
// grant_type=refresh_token is OAuth2's form, which clients use with an identity token from a login;
// the test user's identity token is "<PASSWORD>-identity".
// Usage: node tokenServer.mjs ADDR:PORT KEY.pem CERT.pem USER PASSWORD ISSUER
import { createServer } from 'node:http';
import { randomBytes, sign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { URLSearchParams } from 'node:url';

const [addr, keyFile, certFile, user, password, issuer] = process.argv.slice(2);
const key = readFileSync(keyFile);
const certDer = new X509Certificate(readFileSync(certFile)).raw.toString('base64');
const b64url = (data) => Buffer.from(data).toString('base64url');

function token(service, subject, access) {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', x5c: [certDer] };
  const claims = { iss: issuer, sub: subject, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access };
  const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${body}.${sign('sha256', Buffer.from(body), key).toString('base64url')}`;
}

function grants(scopes) {
  // "repository:name:pull,push" and "registry:catalog:*"; the name may itself contain ':' (a port).
  return scopes.flatMap((scope) => {
    const first = scope.indexOf(':');
    const last = scope.lastIndexOf(':');
    if (first < 0 || last <= first) return [];
    return [{ type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(',') }];
  });
}

const [host, port] = [addr.slice(0, addr.lastIndexOf(':')), Number(addr.slice(addr.lastIndexOf(':') + 1))];
const refused = (res) =>
  res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'incorrect username or password' }] }));

function answer(res, service, subject, scopes) {
  const issued = token(service, subject, subject ? grants(scopes) : []);
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: issued, access_token: issued, expires_in: 300, issued_at: new Date().toISOString() }));
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${addr}`);
  if (url.pathname !== '/token') {
    res.writeHead(404).end();
    return;
  }
  if (req.method === 'POST') {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== `${password}-identity`) return refused(res);
      answer(res, form.get('service') ?? '', user, (form.get('scope') ?? '').split(' ').filter(Boolean));
    });
    return;
  }
  const header = req.headers.authorization ?? '';
  let subject = '';
  if (header.startsWith('Basic ')) {
    const [u, ...rest] = Buffer.from(header.slice(6), 'base64').toString().split(':');
    if (u !== user || rest.join(':') !== password) return refused(res);
    subject = u;
  }
  answer(res, url.searchParams.get('service') ?? '', subject, url.searchParams.getAll('scope'));
}).listen(port, host);
