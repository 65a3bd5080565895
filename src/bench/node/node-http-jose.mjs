// Reference (d), for bearer callers: plain node:http that verifies the caller's RS256 access
// token with jose against the OpenID provider's JWKS, then signs like (c). The checks are the
// service's (kustomer-bearer.war): signature by a key of the JWKS, RS256 only, issuer, audience,
// exp and nbf, the role kustomer-customer in "groups"; the customer is the token's "sub". jose's
// createRemoteJWKSet parses the JWKS once per fetch and keeps the keys by kid (a kid it does not
// know fetches again, at most every 30 s), kept 60 s like the service's.
// Usage: MP_JWT_VERIFY_ISSUER=… MP_JWT_VERIFY_PUBLICKEY_LOCATION=… MP_JWT_VERIFY_AUDIENCES=… \
//        node node-http-jose.mjs PORT
import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import jwt from 'jsonwebtoken';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { TOKEN_PATH, SECRET, SIGN_OPTIONS, TOKEN_HEADERS, payloadFor, tokenBody, listen } from './reference-common.mjs';

const { MP_JWT_VERIFY_ISSUER: ISSUER, MP_JWT_VERIFY_PUBLICKEY_LOCATION: JWKS, MP_JWT_VERIFY_AUDIENCES: AUDIENCE } = process.env;
if (!ISSUER || !JWKS || !AUDIENCE) {
  console.error('node-http-jose: MP_JWT_VERIFY_ISSUER, MP_JWT_VERIFY_PUBLICKEY_LOCATION and MP_JWT_VERIFY_AUDIENCES are needed');
  process.exit(2);
}
const KEYS = createRemoteJWKSet(new URL(JWKS), { cacheMaxAge: 60_000 });
const VERIFY = { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'] };
const KEY = createSecretKey(Buffer.from(SECRET, 'utf8'));
const UNAUTHORIZED = { 'Content-Type': 'application/problem+json', 'WWW-Authenticate': 'Bearer' };
const UNAUTHORIZED_BODY = JSON.stringify({ type: 'urn:kustomer-token-service:problem:unauthorized',
  title: 'Authentication is required', status: 401 });

async function answer(req, res) {
  req.resume();
  if (new URL(req.url, 'http://127.0.0.1').pathname !== TOKEN_PATH) return res.writeHead(404).end();
  if (req.method !== 'POST') return res.writeHead(405, { Allow: 'POST' }).end();
  const bearer = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(req.headers.authorization || '');
  let claims;
  try {
    claims = bearer && (await jwtVerify(bearer[1], KEYS, VERIFY)).payload;
  } catch {
    claims = null;
  }
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '') {
    return res.writeHead(401, UNAUTHORIZED).end(UNAUTHORIZED_BODY);
  }
  if (!Array.isArray(claims.groups) || !claims.groups.includes('kustomer-customer')) {
    return res.writeHead(403, { 'Content-Type': 'application/problem+json' }).end();
  }
  const payload = payloadFor(claims.sub);
  res.writeHead(200, TOKEN_HEADERS).end(tokenBody(jwt.sign(payload, KEY, SIGN_OPTIONS), payload));
}

listen(createServer((req, res) => { answer(req, res).catch(() => res.writeHead(500).end()); }), 'node-http-jose');
