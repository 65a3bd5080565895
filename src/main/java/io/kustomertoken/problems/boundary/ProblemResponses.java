package io.kustomertoken.problems.boundary;

import io.kustomertoken.problems.entity.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Builds the one response shape that every mapper returns. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static Response.ResponseBuilder of(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(problem.toJSON().toString());
    }
}
