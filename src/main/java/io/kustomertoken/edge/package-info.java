/**
 * The HTTP edge: what every request meets before the API and every answer carries after it.
 * Rules: the servlet filters run in the order web.xml declares (hardening, the served request,
 * header checks, body intake); a body reaches the API only once it has arrived whole, read
 * without holding a request thread; the JAX-RS filters here align Jersey and RESTEasy on media
 * types. Decisions that need no container live in {@code control}, with unit tests.
 */
package io.kustomertoken.edge;
