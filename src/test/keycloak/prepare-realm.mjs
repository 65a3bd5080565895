// Writes the test realm for Keycloak's import with a freshly made RSA key as its active signing
// key, and that key's private half (PKCS#8 PEM, mode 600) for the tests: with it they sign tokens
// the provider never would (expired, another issuer, another audience) that still verify.
//   node prepare-realm.mjs TEMPLATE REALM_OUT KEY_OUT
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const [template, realmOut, keyOut] = process.argv.slice(2);
if (!keyOut) {
  console.error('usage: node prepare-realm.mjs TEMPLATE REALM_OUT KEY_OUT');
  process.exit(2);
}
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
const realm = JSON.parse(readFileSync(template, 'utf8'));
const provider = realm.components['org.keycloak.keys.KeyProvider'][0];
provider.config.privateKey = [pem];
writeFileSync(realmOut, JSON.stringify(realm, null, 2), { mode: 0o600 });
writeFileSync(keyOut, pem, { mode: 0o600 });
