/**
 * The identity rules and who may get which identity. Rules: {@link
 * io.kustomertoken.identity.control.IdentityRules} and {@link
 * io.kustomertoken.identity.control.IdentityEntitlement} are plain classes with unit tests; the
 * interceptor and the CDI bean only adapt them to the container. Nothing is signed that has not
 * passed {@link io.kustomertoken.identity.control.IdentityChecked}.
 */
package io.kustomertoken.identity.control;
