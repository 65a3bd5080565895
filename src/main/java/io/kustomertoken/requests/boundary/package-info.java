/** Binds the served request on each dispatch of the API. */
package io.kustomertoken.requests.boundary;
