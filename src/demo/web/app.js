// The demo page: the sequence of docs/clients.md in a browser. The user signs in with the
// app's OpenID provider (authorization code + PKCE, oidc-client-ts); the page asks the token
// service, on another origin, for a token with the user's access token and hands it to the
// Kustomer web SDK at once; on the next load it asks isLoggedIn first and fetches nothing when
// the SDK is still logged in as the kept identity. The token is never stored.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

const KEPT_IDENTITY = 'kustomer.identity';   // { claim, value } of the service's answer, never the token
const page = {
  status: document.getElementById('status'),
  signIn: document.getElementById('sign-in'),
  signOut: document.getElementById('sign-out'),
  sdk: document.getElementById('sdk'),
};

function show(state, text) {
  document.body.dataset.state = state;
  page.status.textContent = text;
}

// The Kustomer web SDK: Kustomer's own when the page has a chat API key, else the stand-in.
function loadKustomer(apiKey) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    if (apiKey) {
      script.src = 'https://cdn.kustomerapp.com/chat-web/widget.js';
      script.setAttribute('data-kustomer-api-key', apiKey);
      page.sdk.textContent = 'Kustomer web SDK from cdn.kustomerapp.com';
    } else {
      script.src = 'kustomer-stand-in.js';
      page.sdk.textContent = 'Kustomer stand-in (no chat API key given: ?kustomerKey=…)';
    }
    script.onload = resolve;
    script.onerror = () => reject(new Error('the Kustomer SDK did not load'));
    document.head.appendChild(script);
  });
}

async function fetchChatToken(service, accessToken) {
  const answer = await fetch(service, { method: 'POST', headers: { Authorization: `Bearer ${accessToken}` } });
  if (answer.ok) return answer.json();
  const problem = await answer.json().catch(() => ({}));
  const wait = answer.headers.get('Retry-After');
  throw new Error(`${answer.status} ${problem.type || ''}${wait ? ` (retry after ${wait} s)` : ''}`);
}

function chatLogIn(service, accessToken) {
  const logInWithFreshToken = async () => {
    show('fetching', 'Asking the token service for a chat token…');
    let answer;
    try {
      answer = await fetchChatToken(service, accessToken);
    } catch (failed) {
      // A refused cross-origin call is a TypeError: the browser hides the answer from the page.
      show('failed-token', `No chat token: ${failed.message}`);
      return;
    }
    Kustomer.login({ jwtToken: answer.token }, (response, error) => {
      if (error) {
        show('failed-kustomer', 'Kustomer refused the token (fetch one fresh token at most; check the server clock)');
        return;
      }
      localStorage.setItem(KEPT_IDENTITY, JSON.stringify(answer.identity));
      show('logged-in', `Logged in to chat as ${answer.identity.value} (${answer.identity.claim})`);
    });
  };
  const kept = JSON.parse(localStorage.getItem(KEPT_IDENTITY) || 'null');
  if (!kept) {
    logInWithFreshToken();
    return;
  }
  Kustomer.isLoggedIn({ [kept.claim]: kept.value }, (response, error) => {
    if (!error && response && response.isLoggedIn) {
      show('already-logged-in', `Still logged in to chat as ${kept.value}: no new token fetched`);
    } else {
      logInWithFreshToken();
    }
  });
}

async function main() {
  const config = await (await fetch('config.json', { cache: 'no-store' })).json();
  const apiKey = new URLSearchParams(location.search).get('kustomerKey');
  const users = new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${location.origin}/`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: 'openid',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
  });
  if (new URLSearchParams(location.search).has('code')) {
    await users.signinRedirectCallback();
    history.replaceState(null, '', '/');
  }
  const user = await users.getUser();
  page.signIn.onclick = () => users.signinRedirect();
  page.signOut.onclick = () => Kustomer.logout(() => {
    localStorage.removeItem(KEPT_IDENTITY);
    users.signoutRedirect();
  });
  await loadKustomer(apiKey);
  if (!user || user.expired) {
    page.signIn.hidden = false;
    show('signed-out', 'Signed out of the app.');
    return;
  }
  page.signOut.hidden = false;
  show('signed-in', `Signed in to the app as ${user.profile.sub}`);
  Kustomer.start(apiKey ? {} : { brandId: 'demo' }, () => chatLogIn(config.service, user.access_token));
}

main().catch((failed) => show('failed-page', `The page failed: ${failed.message}`));
