// A stand-in for the Kustomer web SDK, for the demo page without a Kustomer organisation and for
// its browser test: the methods the page calls, with the SDK's names and callback shapes
// (start(options, cb), isLoggedIn({ email } | { externalId }, cb(response, error)),
// login({ jwtToken }, cb(response, error)), logout(cb)), recording what it was given in
// window.kustomerStandIn.calls. It checks what Kustomer would: an HS256 JWT whose iat is under
// 15 minutes old, naming email or externalId; it cannot check the signature (no secret here).
(() => {
  const KEPT = 'kustomer-stand-in.customer';
  const calls = [];
  let started = false;
  const record = (method, argument) => calls.push({ method, argument: JSON.parse(JSON.stringify(argument ?? null)) });
  const later = (callback, ...values) => setTimeout(() => callback && callback(...values), 0);
  const part = (jwt, index) => JSON.parse(atob(jwt.split('.')[index].replace(/-/g, '+').replace(/_/g, '/')));
  const notStarted = () => new Error('Kustomer.start() has not finished');

  window.kustomerStandIn = { calls };
  window.Kustomer = {
    start(options, callback) {
      record('start', options);
      started = true;
      later(callback);
    },
    isLoggedIn(identity, callback) {
      record('isLoggedIn', identity);
      if (!started) return later(callback, undefined, notStarted());
      const kept = JSON.parse(localStorage.getItem(KEPT) || 'null');
      const [claim, value] = Object.entries(identity || {})[0] || [];
      later(callback, { isLoggedIn: !!kept && !!claim && kept[claim] === value }, undefined);
    },
    login(options, callback) {
      record('login', options);
      if (!started) return later(callback, undefined, notStarted());
      try {
        const header = part(options.jwtToken, 0);
        const claims = part(options.jwtToken, 1);
        const age = Date.now() / 1000 - claims.iat;
        if (header.alg !== 'HS256' || !(age > -60 && age < 15 * 60) || !(claims.email || claims.externalId)) {
          throw new Error('Kustomer would refuse this token');
        }
        // Kustomer uses the email when the token carries both.
        const customer = claims.email ? { email: claims.email } : { externalId: claims.externalId };
        localStorage.setItem(KEPT, JSON.stringify(customer));
        later(callback, { identified: true, customer }, undefined);
      } catch (refused) {
        later(callback, undefined, refused);
      }
    },
    logout(callback) {
      record('logout', null);
      localStorage.removeItem(KEPT);
      later(callback);
    },
  };
})();
