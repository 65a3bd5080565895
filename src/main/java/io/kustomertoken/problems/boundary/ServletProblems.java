package io.kustomertoken.problems.boundary;

import io.kustomertoken.problems.entity.Problem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The problem+json answer, for code that answers before or outside JAX-RS. */
public final class ServletProblems {

    private ServletProblems() {
    }

    public static void write(HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setHeader("Cache-Control", "no-store");
        // Filters run in no fixed order: an answer written by one may not have passed the other.
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(problem.toJSON().toString());
    }
}
