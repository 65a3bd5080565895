/** Gathers the events of one request into the one answer it gets. */
package io.kustomertoken.outcomes.control;
