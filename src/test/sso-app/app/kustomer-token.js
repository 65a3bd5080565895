// The one call a page of the same server makes (docs/clients.md, same-server web apps): a POST
// with Content-Type application/json and the browser's own cookies, no Authorization header.
// The token goes straight to the Kustomer SDK's login; here it is only shown for the test.
(async () => {
    const answer = document.getElementById('answer');
    try {
        const response = await fetch('/kustomer/api/v1/tokens', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
        });
        answer.textContent = await response.text();
        document.body.dataset.status = String(response.status);
        document.body.dataset.state = response.ok ? 'token' : 'refused';
    } catch (failure) {
        answer.textContent = String(failure);
        document.body.dataset.state = 'failed';
    }
})();
