package io.kustomertoken.edge.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * A self-service request has no body and so no media type. Jersey (Payara) lets such a request
 * match {@code @Consumes(application/json)}, RESTEasy (WildFly) answers 415: giving a request
 * without a body the JSON type makes both behave alike. A body without a JSON type still gets 415.
 */
@Provider
@PreMatching
public class NoBodyMediaType implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null && hasNoBody(request)) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    // HTTP/1.1: without Content-Length or Transfer-Encoding a request has no body.
    private static boolean hasNoBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") == null
                && (length == null || "0".equals(length.strip()));
    }
}
