/**
 * Metrics on the server's own endpoint: tokens issued, refusals by problem type, signing latency.
 */
package io.kustomertoken.metrics;
