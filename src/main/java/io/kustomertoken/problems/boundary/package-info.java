/**
 * Turns every error into {@code application/problem+json}: the exception mappers for JAX-RS and
 * the error page for what the container refuses before JAX-RS runs (401, 403, 404). Rule: a 5xx
 * body carries a log reference, never an exception message.
 */
package io.kustomertoken.problems.boundary;
