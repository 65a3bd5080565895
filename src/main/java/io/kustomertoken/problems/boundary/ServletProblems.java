package io.kustomertoken.problems.boundary;

import io.kustomertoken.audit.control.AuditTrail;
import io.kustomertoken.problems.entity.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The problem+json answer, for code that answers before or outside JAX-RS. */
public final class ServletProblems {

    private ServletProblems() {
    }

    /** Writes {@code problem} as the answer to {@code request}, and notes it for the audit trail. */
    public static void write(HttpServletRequest request, HttpServletResponse response, Problem problem)
            throws IOException {
        AuditTrail.refused(request, problem.status(), problem.type());
        response.setStatus(problem.status());
        response.setHeader("Cache-Control", "no-store");
        // Filters run in no fixed order: an answer written by one may not have passed the other.
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(problem.toJSON().toString());
    }
}
