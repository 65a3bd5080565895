// Reference (b): express + jsonwebtoken with the secret as a crypto KeyObject made once at start,
// so each sign call skips turning a string into a key. Otherwise the same as (a).
// Usage: node express-keyobject.mjs PORT
import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import express from 'express';
import jwt from 'jsonwebtoken';
import {
  TOKEN_PATH, SECRET, SIGN_OPTIONS, TOKEN_HEADERS, UNAUTHORIZED_HEADERS, UNAUTHORIZED_BODY,
  authenticatedUser, payloadFor, tokenBody, listen,
} from './reference-common.mjs';

const KEY = createSecretKey(Buffer.from(SECRET, 'utf8'));
const app = express();

app.post(TOKEN_PATH, (req, res) => {
  const user = authenticatedUser(req.get('Authorization'));
  if (!user) return res.status(401).set(UNAUTHORIZED_HEADERS).send(UNAUTHORIZED_BODY);
  const payload = payloadFor(user);
  const token = jwt.sign(payload, KEY, SIGN_OPTIONS);
  res.status(200).set(TOKEN_HEADERS).send(tokenBody(token, payload));
});

listen(createServer(app), 'express-keyobject');
