// A web app on the same server as the token service, its users signed in once (the server's single
// sign-on), in a real browser: Debian's chromium, headless, driven by puppeteer-core. Proves, on
// a Payara Server or WildFly configured by server-config/ with single-sign-on.sh on and the test
// web app src/test/sso-app deployed as /signed-in-app:
//   1. the user signs in to the app's form, and the app's page gets a token from /kustomer with
//      no second login (a same-origin POST, Content-Type application/json, the server's cookie):
//      jsonwebtoken verifies it with the server's secret, and it names that user;
//   2. the same cookie on a request a page of another site could send (no JSON type) is refused
//      with cross-site-request-refused, also from the app's own page;
//   3. pages of other origins, one of the same site (the cookie goes along: 127.0.0.1, another
//      port) and one of another site (localhost), get no token: a form POST (plain text and
//      url-encoded), a no-cors fetch, a credentialed CORS fetch.
// Bounded: 120 s at most, whatever happens. Loopback only.
//   KUSTOMER_SECRET=… SSO_USER=… SSO_PASSWORD=… node single-sign-on-in-chromium.mjs SERVER_ORIGIN
import http from 'node:http';
import puppeteer from 'puppeteer-core';
import jwt from 'jsonwebtoken';

const [server = 'http://127.0.0.1:8080'] = process.argv.slice(2);
const { KUSTOMER_SECRET: secret, SSO_USER: user, SSO_PASSWORD: password } = process.env;
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
if (!secret || !user || !password) throw new Error('KUSTOMER_SECRET, SSO_USER and SSO_PASSWORD are needed');
setTimeout(() => { console.error('single-sign-on-in-chromium: over 120 s, stopped'); process.exit(1); }, 120_000).unref();

const tokens = `${server}/kustomer/api/v1/tokens`;
const refusedType = 'urn:kustomer-token-service:problem:cross-site-request-refused';
const started = Date.now();
const failures = [];
const expect = (condition, what) => { if (!condition) failures.push(what); };

// The other origins' pages: forms that submit themselves, and fetches, all at the token service.
const attacker = http.createServer((request, response) => {
  const pages = {
    '/form-text': `<form method="post" enctype="text/plain" action="${tokens}"><input name='{"x":"' value='"}'></form>`
      + '<script>document.forms[0].submit()</script>',
    '/form-urlencoded': `<form method="post" action="${tokens}"><input name="externalId" value="${user}"></form>`
      + '<script>document.forms[0].submit()</script>',
    '/fetch': `<script>
      const results = {};
      (async () => {
        try { await fetch('${tokens}', { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{}' }); results.noCors = 'sent'; }
        catch (e) { results.noCors = String(e); }
        try { const r = await fetch('${tokens}', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' } });
              results.cors = r.status + ' ' + await r.text(); }
        catch (e) { results.cors = 'failed: ' + e; }
        window.results = results;
      })();</script>`,
  };
  const page = pages[new URL(request.url, 'http://x').pathname];
  response.writeHead(page ? 200 : 404, { 'Content-Type': 'text/html' });
  response.end(page ? `<!DOCTYPE html><html><body>${page}</body></html>` : '');
});
await new Promise((resolve) => attacker.listen(0, '127.0.0.1', resolve));
const port = attacker.address().port;

const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox'] });
try {
  const context = await browser.createBrowserContext();
  // Every answer of the token service this browser got, whoever asked.
  const answers = [];
  context.on('targetcreated', async (target) => {
    const page = await target.page();
    page?.on('response', async (response) => {
      if (response.url() === tokens && response.request().method() === 'POST') {
        answers.push({ from: page.url(), status: response.status(), body: await response.text().catch(() => '') });
      }
    });
  });

  // 1. sign in to the app; its page gets the token with no second login
  const app = await context.newPage();
  await app.goto(`${server}/signed-in-app/app/`);
  await app.waitForSelector('#username');
  await app.type('#username', user);
  await app.type('#password', password);
  await Promise.all([app.waitForNavigation(), app.click('#sign-in')]);
  await app.waitForFunction(() => document.body.dataset.state && document.body.dataset.state !== 'loading',
    { timeout: 30_000 });
  const [state, status, answer] = await app.evaluate(() => [document.body.dataset.state, document.body.dataset.status,
    document.getElementById('answer').textContent]);
  if (state !== 'token') throw new Error(`the app's page got no token: ${state} ${status} ${answer}`);
  const issued = JSON.parse(answer);
  const verified = jwt.verify(issued.token, secret, { algorithms: ['HS256'], complete: true });
  expect(JSON.stringify(verified.header) === '{"alg":"HS256","typ":"JWT"}', `header ${JSON.stringify(verified.header)}`);
  expect(issued.identity.value === user && verified.payload[issued.identity.claim] === user,
    `the token names ${JSON.stringify(verified.payload)}, not ${user}`);
  expect(Math.abs(Date.now() / 1000 - verified.payload.iat) < 60, `iat ${verified.payload.iat} is not now`);
  const cookies = (await context.cookies(server)).map((cookie) => `${cookie.name} (path ${cookie.path}, httpOnly ${cookie.httpOnly})`);
  console.log(`signed in to the app as ${user}; its page got a token from /kustomer with the cookies ${cookies.join(', ')}:`
    + ` jsonwebtoken verified ${JSON.stringify(verified.payload)}`);

  // 2. the same cookie, without the JSON type, from the app's own page: refused
  const own = await app.evaluate(async (url) => Promise.all([
    fetch(url, { method: 'POST' }).then(async (r) => [r.status, await r.text()]),
    fetch(url, { method: 'POST', body: '{}', headers: { 'Content-Type': 'text/plain' } }).then(async (r) => [r.status, await r.text()]),
  ]), tokens);
  for (const [got, body] of own) {
    expect(got === 403 && body.includes(refusedType), `the app's own POST without the JSON type answered ${got} ${body}`);
  }
  console.log(`the app's own page, no JSON type: ${own.map(([got]) => got).join(', ')} ${refusedType}`);

  // 3. other origins: same site (the cookie goes along) and another site
  for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
    for (const form of ['/form-text', '/form-urlencoded']) {
      const page = await context.newPage();
      const response = page.waitForResponse((r) => r.url() === tokens, { timeout: 15_000 });
      await page.goto(`${origin}${form}`);
      const got = await response;
      const body = await got.text().catch(() => '');
      expect(!body.includes('"token"') && got.status() !== 200, `${origin}${form} got ${got.status()} ${body}`);
      // Same site: the browser sends the cookie, so the service itself must refuse (not the login).
      if (origin.includes('127.0.0.1')) {
        expect(got.status() === 403 && body.includes(refusedType), `${origin}${form}: ${got.status()} ${body}`);
      }
      console.log(`${origin}${form}: ${got.status()} ${JSON.parse(body || '{}').type ?? ''}`);
      await page.close();
    }
    const page = await context.newPage();
    await page.goto(`${origin}/fetch`);
    const results = await page.waitForFunction(() => window.results, { timeout: 15_000 }).then((h) => h.jsonValue());
    expect(!JSON.stringify(results).includes('"token'), `${origin}/fetch read a token: ${JSON.stringify(results)}`);
    expect(results.cors.startsWith('failed'), `${origin}/fetch: a credentialed CORS fetch was answered: ${results.cors}`);
    console.log(`${origin}/fetch: ${JSON.stringify(results)}`);
    await page.close();
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const tokensOut = answers.filter((seen) => seen.status === 200);
  expect(tokensOut.length === 1 && tokensOut[0].from.startsWith(`${server}/signed-in-app/`),
    `tokens were answered to ${JSON.stringify(tokensOut.map((seen) => seen.from))}; only the app's page may get one`);
  const sameSiteNoCors = answers.filter((seen) => seen.from === `http://127.0.0.1:${port}/fetch`);
  expect(sameSiteNoCors.length === 1 && sameSiteNoCors[0].status === 403,
    `the same-site no-cors fetch: ${JSON.stringify(sameSiteNoCors.map((seen) => seen.status))}, expected one 403`);
  console.log(`answers of the token service: ${answers.map((seen) => seen.status).join(' ')}`);
} finally {
  await browser.close();
  attacker.close();
}
if (failures.length) {
  console.error(`single-sign-on-in-chromium: FAILED\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`single-sign-on-in-chromium: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
