/**
 * MicroProfile Health checks, served by the server at its own health endpoint (Payara:
 * {@code /health} on the HTTP listener; WildFly: {@code /health} on the management interface).
 * Readiness says whether the service can sign now, and if not, which setting to fix; liveness
 * says that the application runs. Neither ever shows a setting's value.
 */
package io.kustomertoken.health.boundary;
