package io.kustomertoken.health.boundary;

import io.kustomertoken.health.control.SigningConditions;
import io.kustomertoken.problems.entity.Problem;
import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /ready} on the WAR: 200 while this instance can sign, 503 while it cannot, for a load
 * balancer's check of each instance. The server's own {@code /health/ready} says the same with the
 * reason, but it is not on the instance's HTTP port everywhere (WildFly serves it on the management
 * port, and not at all on a managed domain's servers). Unauthenticated, like {@code /health}: it
 * tells no more than a token request's 503, and the reason stays in the log. Not a refusal of a
 * token request, so nothing is counted or audited.
 */
@WebServlet(InstanceReadiness.PATH)
public class InstanceReadiness extends HttpServlet {

    static final String PATH = "/ready";
    private static final byte[] UP = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DOWN = Problem.of(ProblemKind.SIGNING_UNAVAILABLE,
            ProblemException.MISCONFIGURED).toJSON().toString()
            .getBytes(StandardCharsets.UTF_8);

    @Inject
    SigningConditions conditions;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean ready = conditions.refusal().isEmpty();
        response.setStatus(ready ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(ready ? "application/json" : Problem.MEDIA_TYPE);
        byte[] body = ready ? UP : DOWN;
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
