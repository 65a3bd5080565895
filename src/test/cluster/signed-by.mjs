// Which secret signed a token (HS256): the group checks' one place for it.
//   node signed-by.mjs ANSWER SECRET_FILE...   prints the name of each file whose first line signed
//                                              the token in ANSWER (a token endpoint's JSON answer)
// token-load.mjs imports signers() for every answer it counts.
import fs from 'node:fs';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const secretsOf = (files) =>
  files.map((file) => ({ name: file.split('/').pop(), key: fs.readFileSync(file, 'utf8').split('\n')[0] }));

export const tokenOf = (answer) => (answer.match(/"token":"([^"]+)"/) || [])[1] || '';

export const signers = (token, secrets) => {
  const [header, payload, signature] = token.split('.');
  return secrets.filter((s) => crypto.createHmac('sha256', s.key).update(`${header}.${payload}`).digest('base64url') === signature);
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [answer, ...files] = process.argv.slice(2);
  for (const secret of signers(tokenOf(answer), secretsOf(files))) console.log(secret.name);
}
