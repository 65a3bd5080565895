/**
 * The servlet and JAX-RS filters of the edge. Headers every answer carries are set in one filter
 * ({@link io.kustomertoken.edge.boundary.ResponseHardeningFilter}), so that no path to a response
 * (the resource, a mapper, the container's own 401/403/404 through the error page) can forget them.
 */
package io.kustomertoken.edge.boundary;
