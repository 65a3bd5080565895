/**
 * Per-caller limits: how many tokens a customer, a delegate and a named customer get a minute on
 * this server instance, answered with 429 and {@code Retry-After} beyond that.
 */
package io.kustomertoken.limits;
