package io.kustomertoken.problems.boundary;

import io.kustomertoken.problems.entity.Problem;
import io.kustomertoken.problems.entity.ProblemKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort: the exception goes to the log under a fresh id, the caller gets only that id.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    // The JAX-RS proxy of the request being answered, on whichever dispatch JAX-RS runs.
    @Context
    HttpServletRequest request;

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        return logged(request, failure);
    }

    static Response logged(HttpServletRequest request, Throwable failure) {
        String instance = "urn:uuid:" + UUID.randomUUID();
        LOG.log(Level.SEVERE, "Request failed, answered as " + instance, failure);
        ProblemKind kind = ProblemKind.INTERNAL_ERROR;
        Problem problem = new Problem(kind.type(), kind.title(), kind.status(),
                "The failure is logged under the instance id.", instance);
        return ProblemResponses.of(request, problem).build();
    }
}
