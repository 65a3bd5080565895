/**
 * Headers every answer carries, whatever produced it (the resource, a mapper, or the
 * container's own 401/403/404 through the error page). Rule: set here, in one filter, so that no
 * path to a response can forget them.
 */
package io.kustomertoken.hardening.boundary;
