/** The servlet filter that answers preflights and marks the answers to allowed origins. */
package io.kustomertoken.cors.boundary;
