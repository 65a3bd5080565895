/**
 * The identity rules and who may get which identity. Rules: {@link
 * io.kustomertoken.identity.control.IdentityRules} and {@link
 * io.kustomertoken.identity.control.IdentityEntitlement} are plain classes with unit tests; the
 * CDI bean applies them in the configured mode, and the boundary adapts them to the container. Nothing is signed that has not
 * passed {@link io.kustomertoken.identity.control.IdentityChecked}.
 */
package io.kustomertoken.identity.control;
