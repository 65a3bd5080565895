// What the three reference servers share, so that they differ only in what is compared
// (framework, and the secret as a string or a KeyObject): configuration, the BASIC check for
// the one demo user, the payload to sign and the 200/401 bodies of the service's HTTP contract.
import { createHash, timingSafeEqual } from 'node:crypto';

export const TOKEN_PATH = '/kustomer/api/v1/tokens';
export const SECRET = process.env.KUSTOMER_SECRET || 'demo-only-secret-not-from-kustomer-0123456789';
export const PORT = Number(process.argv[2] || process.env.PORT || 0);
// No noTimestamp: in jsonwebtoken 9.0.3 it deletes the payload's own iat (sign.js), leaving
// {"externalId":…} alone. Without it, jsonwebtoken keeps the iat we pass, in our key order.
export const SIGN_OPTIONS = { algorithm: 'HS256' };

const LIFETIME_S = Number(process.env.BENCH_LIFETIME_S || 1800);
const DEMO_USER = 'alice';
// Digests have equal length whatever the caller sends, as timingSafeEqual requires.
const EXPECTED = sha256(`${DEMO_USER}:alice-password`);

function sha256(text) {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The user named by a valid `Authorization: Basic` header, or null. */
export function authenticatedUser(authorization) {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authorization || '');
  if (!match) return null;
  const credentials = Buffer.from(match[1], 'base64').toString('utf8');
  return timingSafeEqual(sha256(credentials), EXPECTED) ? DEMO_USER : null;
}

/** Key order matters: the payload must be exactly {"externalId":…,"iat":…}. */
export function payloadFor(user) {
  return { externalId: user, iat: Math.floor(Date.now() / 1000) };
}

export function tokenBody(token, payload) {
  return JSON.stringify({
    token,
    identity: { claim: 'externalId', value: payload.externalId },
    issuedAt: isoSeconds(payload.iat),
    expiresAt: isoSeconds(payload.iat + 15 * 60),
  });
}

function isoSeconds(epochSeconds) {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const TOKEN_HEADERS = {
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
  'Pragma': 'no-cache',
};

export const UNAUTHORIZED_HEADERS = {
  'Content-Type': 'application/problem+json',
  'WWW-Authenticate': 'Basic realm="kustomer"',
};

export const UNAUTHORIZED_BODY = JSON.stringify({
  type: 'urn:kustomer-token-service:problem:unauthorized',
  title: 'Authentication is required',
  status: 401,
});

/** Listens on loopback only, and exits by itself after BENCH_LIFETIME_S so no benchmark server outlives its run. */
export function listen(server, name) {
  if (!Number.isInteger(PORT) || PORT <= 0) {
    console.error(`usage: node ${name}.mjs PORT (or env PORT)`);
    process.exit(2);
  }
  server.listen(PORT, '127.0.0.1', () => {
    console.log(`${name} ready at http://127.0.0.1:${PORT}${TOKEN_PATH} (exits after ${LIFETIME_S} s)`);
  });
  setTimeout(() => process.exit(0), LIFETIME_S * 1000).unref();
}
