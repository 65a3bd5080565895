// Token requests through the load balancer, CONCURRENCY at a time, until STOP_FILE exists or
// MAX_SECONDS have passed. Prints one JSON line: how many answers, which were not 200 (by status
// or error), which instance served them (the test's X-Served-By header) and, when secret files are
// given, which secret signed each token: exactly one must; once MARK_FILE exists, only the last.
// With RATE set (requests a second, all connections together) each connection paces itself, so
// that the checks leave CPU to what runs beside them; without it, as fast as answers come.
//   [RATE=N] node token-load.mjs URL USER PASSWORD_FILE CONCURRENCY MAX_SECONDS STOP_FILE MARK_FILE [SECRET_FILE...]
import http from 'node:http';
import fs from 'node:fs';
import { secretsOf, signers, tokenOf } from './signed-by.mjs';

const [url, user, passwordFile, concurrency, maxSeconds, stopFile, markFile, ...secretFiles] = process.argv.slice(2);
const firstLine = (file) => fs.readFileSync(file, 'utf8').split('\n')[0];
const authorization = 'Basic ' + Buffer.from(`${user}:${firstLine(passwordFile)}`).toString('base64');
const secrets = secretsOf(secretFiles);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
const end = Date.now() + Number(maxSeconds) * 1000;
const pause = process.env.RATE ? (Number(concurrency) / Number(process.env.RATE)) * 1000 : 0;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const result = { requests: 0, ok: 0, failed: {}, servedBy: {}, signedBy: {}, signedByNone: 0, oldAfterMark: 0, firstFailure: null };

const count = (map, key) => { map[key] = (map[key] || 0) + 1; };
const failed = (why) => { count(result.failed, why); result.firstFailure ??= `${new Date().toISOString()} ${why}`; };

const once = (marked) => new Promise((resolve) => {
  const request = http.request(url, { method: 'POST', agent, headers: { authorization } }, (response) => {
    let body = '';
    response.setEncoding('utf8');
    response.on('data', (chunk) => { body += chunk; });
    response.on('end', () => {
      count(result.servedBy, response.headers['x-served-by'] || 'unknown');
      if (response.statusCode !== 200) { failed(`${response.statusCode} ${body.slice(0, 160)}`); return resolve(); }
      result.ok++;
      if (secrets.length > 0) {
        const by = signers(tokenOf(body), secrets);
        if (by.length !== 1) result.signedByNone++;
        else {
          count(result.signedBy, by[0].name);
          if (marked && by[0] !== secrets[secrets.length - 1]) result.oldAfterMark++;
        }
      }
      resolve();
    });
  });
  request.setTimeout(30000, () => request.destroy(new Error('no answer in 30 s')));
  request.on('error', (error) => { failed(error.code || error.message); resolve(); });
  request.end();
});

const worker = async () => {
  while (Date.now() < end && !fs.existsSync(stopFile)) {
    const marked = fs.existsSync(markFile);   // before the request: a token asked for after the mark
    result.requests++;
    const started = Date.now();
    await once(marked);
    if (pause > 0) await sleep(Math.max(0, pause - (Date.now() - started)));
  }
};
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
agent.destroy();
console.log(JSON.stringify(result));
