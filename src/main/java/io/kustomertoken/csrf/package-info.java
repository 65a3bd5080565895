/**
 * Cross-site request forgery: a request the browser signs in by itself (a single sign-on cookie of
 * the server, a client certificate), without an {@code Authorization} header, gets a token only
 * when it is a script's JSON request from a page of the service's own origin, which a page of
 * another site cannot make the browser send: a form cannot set {@code Content-Type:
 * application/json}, a cross-origin script needs a preflight for it, and the service never allows
 * credentials across origins. Requests with an {@code Authorization} header (BASIC, bearer) are
 * not affected: a page of another site cannot add that header either.
 */
package io.kustomertoken.csrf;
