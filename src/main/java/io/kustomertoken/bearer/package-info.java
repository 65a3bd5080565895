/**
 * Callers with an access token from the app's own OpenID provider. The WAR verifies it itself
 * with jose4j, with the MP-JWT settings (signature against the provider's JWKS, RS256 or ES256
 * and no other, issuer, audience, {@code exp}, {@code nbf}; the {@code groups} claim gives the roles): the
 * servers' own MP-JWT was three times slower than BASIC on Payara and differed between servers
 * (issue 26). Only {@code kustomer-bearer.war} carries this package: its {@code @LoginConfig}
 * would switch Payara to MP-JWT, and on WildFly a password WAR could not even load its classes
 * (the MP-JWT API is given only to MP-JWT deployments).
 *
 * <p>A bearer caller is just another container principal: the identity rules, the entitlement
 * rule and the interceptor are the same; only where a customer's own names come from differs.
 */
package io.kustomertoken.bearer;
