package io.kustomertoken.problems.boundary;

import io.kustomertoken.problems.entity.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Renders what JAX-RS refuses on its own (404, 405, 406, 415, ...). Its message is the
 * library's, so only the status and the headers that belong to it (Allow) are kept.
 */
@ApplicationScoped
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    // The JAX-RS proxy of the request being answered, on whichever dispatch JAX-RS runs.
    @Context
    HttpServletRequest request;

    @Inject
    ProblemResponses responses;

    @Override
    public Response toResponse(WebApplicationException refusal) {
        Response original = refusal.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return responses.internalError(request, refusal).build();
        }
        Response.ResponseBuilder response = responses.of(request, Problem.generic(status));
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            response.header(HttpHeaders.ALLOW, allow);
        }
        return response.build();
    }
}
