package io.kustomertoken.problems.boundary;

import io.kustomertoken.problems.entity.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The problem+json answer, for code that answers before or outside JAX-RS. */
@ApplicationScoped
public class ServletProblems {

    @Inject
    Refusals refusals;

    /** Writes {@code problem} as the answer to {@code request}, and fires the refusal. */
    public void write(HttpServletRequest request, HttpServletResponse response, Problem problem)
            throws IOException {
        refusals.announce(request, problem);
        response.setStatus(problem.status());
        response.setHeader("Cache-Control", "no-store");
        // Also here, not only in the hardening filter: a server whose own filters run first
        // (before web.xml's) could answer without it.
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(problem.toJSON().toString());
    }
}
