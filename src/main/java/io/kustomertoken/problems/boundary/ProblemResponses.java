package io.kustomertoken.problems.boundary;

import io.kustomertoken.audit.control.AuditTrail;
import io.kustomertoken.problems.entity.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Builds the one response shape that every mapper returns. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    /** The answer to {@code request}, noted for the audit trail. */
    static Response.ResponseBuilder of(HttpServletRequest request, Problem problem) {
        AuditTrail.refused(request, problem.status(), problem.type());
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(problem.toJSON().toString());
    }
}
