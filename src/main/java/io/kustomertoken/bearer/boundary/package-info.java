/**
 * Where kustomer-bearer.war meets the container: the {@code @LoginConfig} that switches Payara to
 * MP-JWT, the stand-in for the server's MP-JWT mechanism that turns its wrong answers into 401,
 * the RFC 6750 challenge on every 401, and the {@code nbf} check Payara does not make.
 */
package io.kustomertoken.bearer.boundary;
