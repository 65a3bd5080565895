/** Hooks the outcome of each request to its end in the container. */
package io.kustomertoken.outcomes.boundary;
