package io.kustomertoken.problems.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The last resort: the exception goes to the log under a fresh id, the caller gets only that id.
 */
@ApplicationScoped
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    // The JAX-RS proxy of the request being answered, on whichever dispatch JAX-RS runs.
    @Context
    HttpServletRequest request;

    @Inject
    ProblemResponses responses;

    @Override
    public Response toResponse(Throwable failure) {
        return responses.internalError(request, failure).build();
    }
}
