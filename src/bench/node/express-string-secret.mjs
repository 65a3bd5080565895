// Reference (a): express + jsonwebtoken with the secret as a string, the style of Kustomer's own
// documented example back end. jsonwebtoken turns the string into a key on every sign call.
// Usage: node express-string-secret.mjs PORT
import { createServer } from 'node:http';
import express from 'express';
import jwt from 'jsonwebtoken';
import {
  TOKEN_PATH, SECRET, SIGN_OPTIONS, TOKEN_HEADERS, UNAUTHORIZED_HEADERS, UNAUTHORIZED_BODY,
  authenticatedUser, payloadFor, tokenBody, listen,
} from './reference-common.mjs';

const app = express();

app.post(TOKEN_PATH, (req, res) => {
  const user = authenticatedUser(req.get('Authorization'));
  if (!user) return res.status(401).set(UNAUTHORIZED_HEADERS).send(UNAUTHORIZED_BODY);
  const payload = payloadFor(user);
  const token = jwt.sign(payload, SECRET, SIGN_OPTIONS);
  res.status(200).set(TOKEN_HEADERS).send(tokenBody(token, payload));
});

listen(createServer(app), 'express-string-secret');
