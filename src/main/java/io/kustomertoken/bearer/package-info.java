/**
 * Callers with an access token from the app's own OpenID provider, verified by the server's
 * MicroProfile JWT (signature against the provider's JWKS, issuer, audience, expiry; the
 * {@code groups} claim gives the roles). Only {@code kustomer-bearer.war} carries this package:
 * its presence switches the container to MP-JWT, and on WildFly a password WAR could not even
 * load its classes (the MP-JWT API is given only to MP-JWT deployments).
 *
 * <p>A bearer caller is just another container principal: the identity rules, the entitlement
 * rule and the interceptor are the same; only where a customer's own names come from differs.
 */
package io.kustomertoken.bearer;
