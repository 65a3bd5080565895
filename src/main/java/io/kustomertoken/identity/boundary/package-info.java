/**
 * Where the container's caller meets the identity rules: {@link
 * io.kustomertoken.identity.boundary.ContainerCallers} is the one class that asks the Servlet
 * request who is calling, and {@link io.kustomertoken.identity.boundary.IdentityCheckedInterceptor}
 * checks every signature against that caller, not against anything its caller passed in.
 */
package io.kustomertoken.identity.boundary;
