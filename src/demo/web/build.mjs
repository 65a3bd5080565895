// Bundles the demo page into target/demo-web (the run command serves it from there):
// app.js with oidc-client-ts, and the static files beside it.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', '..', 'target', 'demo-web');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, 'app.js')],
  bundle: true,
  format: 'iife',
  target: 'es2020',
  minify: true,
  legalComments: 'linked',
  outfile: join(out, 'app.js'),
  logLevel: 'warning',
});
for (const file of ['index.html', 'kustomer-stand-in.js']) {
  copyFileSync(join(here, file), join(out, file));
}
console.log(`demo page built in ${out}`);
