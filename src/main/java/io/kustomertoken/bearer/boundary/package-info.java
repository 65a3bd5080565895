/**
 * Where kustomer-bearer.war meets the container: the {@code @LoginConfig} that makes it an MP-JWT
 * deployment on both servers, the mechanism that stands in for the server's own and the Jakarta
 * Authentication module that signs a caller in with a verified access token without the bridge to
 * that mechanism, and the RFC 6750 challenge on every 401.
 */
package io.kustomertoken.bearer.boundary;
