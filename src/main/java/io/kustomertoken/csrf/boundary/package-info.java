/** The servlet filter that refuses a cookie-signed-in request a page of another site could have sent. */
package io.kustomertoken.csrf.boundary;
