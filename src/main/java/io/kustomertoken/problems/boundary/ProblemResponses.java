package io.kustomertoken.problems.boundary;

import io.kustomertoken.problems.entity.Problem;
import io.kustomertoken.problems.entity.ProblemKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Builds the one response shape that every mapper returns. */
@ApplicationScoped
public class ProblemResponses {

    @Inject
    Refusals refusals;

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class.getName());

    /** The answer to {@code request}; fires the refusal. */
    public Response.ResponseBuilder of(HttpServletRequest request, Problem problem) {
        refusals.announce(request, problem);
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(problem.toJSON().toString());
    }

    /** A bug: the exception goes to the log under a fresh id, the caller gets only that id. */
    public Response.ResponseBuilder internalError(HttpServletRequest request, Throwable failure) {
        return of(request, loggedInternalError(failure));
    }

    /** Logs {@code failure} under a fresh id and returns the problem that names only that id. */
    static Problem loggedInternalError(Throwable failure) {
        String instance = "urn:uuid:" + UUID.randomUUID();
        LOG.log(Level.SEVERE, "Request failed, answered as " + instance, failure);
        ProblemKind kind = ProblemKind.INTERNAL_ERROR;
        return new Problem(kind.type(), kind.title(), kind.status(),
                "The failure is logged under the instance id.", instance);
    }
}
