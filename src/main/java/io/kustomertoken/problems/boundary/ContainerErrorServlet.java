package io.kustomertoken.problems.boundary;

import io.kustomertoken.problems.entity.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page (web.xml) for what the container answers before JAX-RS runs: missing or wrong
 * credentials (401), no role (403), unknown paths (404), and an exception thrown outside JAX-RS
 * (a filter, a login mechanism), which is logged under the answer's instance id like any other
 * bug. Headers the container set, such as {@code WWW-Authenticate}, stay as they are.
 */
@WebServlet(ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

    static final String PATH = "/problem";

    @Inject
    ServletProblems problems;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            problems.write(request, response, ProblemResponses.loggedInternalError(failure));
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer known ? known : HttpServletResponse.SC_NOT_FOUND;
        problems.write(request, response, Problem.generic(status));
    }
}
