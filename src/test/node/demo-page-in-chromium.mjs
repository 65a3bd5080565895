// The demo page (src/demo/web, served by the run command) in a real browser: Debian's chromium,
// headless, driven by puppeteer-core (no browser download). Proves, against the run command with
// kustomer-bearer.war and the tests' Keycloak:
//   1. alice signs in (authorization code + PKCE), the page asks the service across origins,
//      and the token it hands to the Kustomer SDK's login verifies with jsonwebtoken;
//   2. a second load asks isLoggedIn and fetches no new token;
//   3. the same page on an origin the service does not allow gets no token: the browser's
//      preflight is refused and login is never called.
// Bounded: 120 s at most, whatever happens. Loopback only.
//   KUSTOMER_SECRET=… node demo-page-in-chromium.mjs [PAGE_ORIGIN [OTHER_ORIGIN [TOKENS_URL]]]
import puppeteer from 'puppeteer-core';
import jwt from 'jsonwebtoken';

const [page1 = 'http://127.0.0.1:8081', other = 'http://localhost:8081',
  tokens = 'http://127.0.0.1:8080/kustomer-bearer/api/v1/tokens'] = process.argv.slice(2);
const secret = process.env.KUSTOMER_SECRET;
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
if (!secret) throw new Error('KUSTOMER_SECRET: the secret the service signs with');
setTimeout(() => { console.error('demo-page-in-chromium: over 120 s, stopped'); process.exit(1); }, 120_000).unref();

const started = Date.now();
const failures = [];
const expect = (condition, what) => { if (!condition) failures.push(what); };

// The page's state once it has settled (loading, signed-in and fetching are on the way).
async function state(page, wanted) {
  await page.waitForFunction(() => !['loading', 'signed-in', 'fetching'].includes(document.body.dataset.state),
    { timeout: 30_000 });
  const [now, text] = await page.evaluate(() => [document.body.dataset.state, document.getElementById('status').textContent]);
  if (now !== wanted) throw new Error(`the page says ${now} (${text}), expected ${wanted}`);
  return text;
}

async function signIn(page, origin) {
  await page.goto(`${origin}/`);
  await state(page, 'signed-out');
  await Promise.all([page.waitForNavigation(), page.click('#sign-in')]);
  await page.waitForSelector('#username');
  await page.type('#username', 'alice');
  await page.type('#password', 'alice-password');
  await Promise.all([page.waitForNavigation(), page.click('#kc-login')]);
}

// POSTs to the service that got an answer the page could read (a refused preflight fails the POST).
function watch(page) {
  const seen = { posts: 0, console: [] };
  page.on('requestfinished', (request) => { if (request.url() === tokens && request.method() === 'POST') seen.posts += 1; });
  page.on('console', (message) => seen.console.push(message.text()));
  return seen;
}

const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox'] });
try {
  // 1. sign-in, the cross-origin call, the token handed to login
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const seen = watch(page);
  await signIn(page, page1);
  console.log(`allowed origin ${page1}: ${await state(page, 'logged-in')}`);
  const calls = await page.evaluate(() => window.kustomerStandIn.calls);
  expect(JSON.stringify(calls.map((call) => call.method)) === '["start","login"]', `SDK calls ${JSON.stringify(calls.map((c) => c.method))}, expected start then login`);
  const token = calls.find((call) => call.method === 'login')?.argument?.jwtToken ?? '';
  const verified = jwt.verify(token, secret, { algorithms: ['HS256'], complete: true });
  expect(JSON.stringify(verified.header) === '{"alg":"HS256","typ":"JWT"}', `header ${JSON.stringify(verified.header)}`);
  const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('kustomer.identity')));
  expect(kept && verified.payload[kept.claim] === kept.value, `the kept identity ${JSON.stringify(kept)} is not the token's`);
  expect(Math.abs(Date.now() / 1000 - verified.payload.iat) < 60, `iat ${verified.payload.iat} is not now`);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(!stored.includes(token), 'the token is in the page\'s storage');
  expect(seen.posts === 1, `${seen.posts} POSTs to the service, expected 1`);
  console.log(`  jsonwebtoken verified the token handed to login: ${JSON.stringify(verified.payload)}`);

  // 2. a second load: isLoggedIn, no new token
  await page.reload();
  console.log(`second load: ${await state(page, 'already-logged-in')}`);
  const again = await page.evaluate(() => window.kustomerStandIn.calls);
  expect(JSON.stringify(again.map((call) => call.method)) === '["start","isLoggedIn"]', `SDK calls on the second load ${JSON.stringify(again.map((c) => c.method))}`);
  expect(JSON.stringify(again[1]?.argument) === JSON.stringify({ [kept.claim]: kept.value }), `isLoggedIn asked with ${JSON.stringify(again[1]?.argument)}`);
  expect(seen.posts === 1, `${seen.posts} POSTs after the second load, expected still 1`);

  // 3. an origin the service does not allow: the browser refuses, login is never called
  const elsewhere = await (await browser.createBrowserContext()).newPage();
  const seenElsewhere = watch(elsewhere);
  await signIn(elsewhere, other);
  console.log(`origin not allowed ${other}: ${await state(elsewhere, 'failed-token')}`);
  const refusedCalls = await elsewhere.evaluate(() => window.kustomerStandIn.calls);
  expect(!refusedCalls.some((call) => call.method === 'login'), 'login was called on the origin that is not allowed');
  expect(seenElsewhere.console.some((line) => /CORS policy/.test(line) && /preflight/.test(line)),
    `no CORS refusal of the preflight on the console: ${JSON.stringify(seenElsewhere.console)}`);
  expect(seenElsewhere.posts === 0, `${seenElsewhere.posts} POSTs answered to the origin that is not allowed`);
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(`demo-page-in-chromium: FAILED\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`demo-page-in-chromium: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
