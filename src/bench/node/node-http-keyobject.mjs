// Reference (c): plain node:http + jsonwebtoken with a KeyObject secret: no framework, so this is
// the lean baseline the Java service is compared against (wrk-bench.sh --ref default).
// Usage: node node-http-keyobject.mjs PORT
import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import jwt from 'jsonwebtoken';
import {
  TOKEN_PATH, SECRET, SIGN_OPTIONS, TOKEN_HEADERS, UNAUTHORIZED_HEADERS, UNAUTHORIZED_BODY,
  authenticatedUser, payloadFor, tokenBody, listen,
} from './reference-common.mjs';

const KEY = createSecretKey(Buffer.from(SECRET, 'utf8'));

const server = createServer((req, res) => {
  // Drain any request body so keep-alive connections stay usable.
  req.resume();
  if (new URL(req.url, 'http://127.0.0.1').pathname !== TOKEN_PATH) {
    return res.writeHead(404).end();
  }
  if (req.method !== 'POST') {
    return res.writeHead(405, { Allow: 'POST' }).end();
  }
  const user = authenticatedUser(req.headers.authorization);
  if (!user) return res.writeHead(401, UNAUTHORIZED_HEADERS).end(UNAUTHORIZED_BODY);
  const payload = payloadFor(user);
  const token = jwt.sign(payload, KEY, SIGN_OPTIONS);
  res.writeHead(200, TOKEN_HEADERS).end(tokenBody(token, payload));
});

listen(server, 'node-http-keyobject');
