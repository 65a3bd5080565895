package io.kustomertoken.problems.boundary;

import io.kustomertoken.problems.entity.Problem;
import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Renders the refusals this service explains itself. */
@ApplicationScoped
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

    // The JAX-RS proxy of the request being answered, on whichever dispatch JAX-RS runs.
    @Context
    HttpServletRequest request;

    @Inject
    ProblemResponses responses;

    @Override
    public Response toResponse(ProblemException refusal) {
        Response.ResponseBuilder response = responses.of(request, Problem.of(refusal.kind(), refusal.getMessage()));
        refusal.headers().forEach(response::header);
        if (refusal.kind() == ProblemKind.PAYLOAD_TOO_LARGE) {
            // The rest of the body stays unread; closing spares the container from draining it.
            response.header("Connection", "close");
        }
        return response.build();
    }
}
