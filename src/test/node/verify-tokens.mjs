// Reads compact JWTs, one per line, from standard input and verifies each with jsonwebtoken the
// way Kustomer's example back end would: HS256 only, the secret as a string, at most 15 minutes old.
// Prints one JSON line per token ({header, payload} or {error}); exits 1 if any token fails.
import jwt from 'jsonwebtoken';
import { createInterface } from 'node:readline';

const secret = process.env.KUSTOMER_SECRET;
if (!secret) {
  console.error('KUSTOMER_SECRET is not set');
  process.exit(2);
}

let failed = false;
for await (const line of createInterface({ input: process.stdin })) {
  const token = line.trim();
  if (!token) continue;
  try {
    const verified = jwt.verify(token, secret, { algorithms: ['HS256'], maxAge: '15m', complete: true });
    console.log(JSON.stringify({ header: verified.header, payload: verified.payload }));
  } catch (error) {
    failed = true;
    console.log(JSON.stringify({ error: error.name }));
  }
}
process.exit(failed ? 1 : 0);
