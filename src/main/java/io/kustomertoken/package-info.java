/**
 * Kustomer token service: issues the JWT that Kustomer's Chat SDK {@code logIn(jwt)} accepts
 * to the caller the container has authenticated.
 *
 * <p>Packages are by feature, each split into {@code boundary} (JAX-RS, thin), {@code control}
 * (logic) and {@code entity} (immutable values).
 */
package io.kustomertoken;
