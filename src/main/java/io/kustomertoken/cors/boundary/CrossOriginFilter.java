package io.kustomertoken.cors.boundary;

import io.kustomertoken.cors.control.AllowedOrigins;
import io.kustomertoken.cors.control.CorsSettings;
import io.kustomertoken.cors.control.Preflight;
import io.kustomertoken.problems.boundary.ServletProblems;
import io.kustomertoken.problems.entity.Problem;
import io.kustomertoken.problems.entity.ProblemKind;
import io.kustomertoken.requests.boundary.RequestHeaders;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * CORS for the API. web.xml leaves {@code OPTIONS} on {@code /api/*} unauthenticated (a browser
 * never sends credentials with a preflight), so this filter answers every {@code OPTIONS} there
 * itself: 204 to a preflight that {@link Preflight} grants, a problem to anything else; nothing
 * behind it runs, so no limit is spent and no token issued. Any other answer to an allowed origin,
 * the container's 401 included (error dispatch), names that origin.
 */
public class CrossOriginFilter extends HttpFilter {

    static final String MAX_AGE_SECONDS = "600";

    @Inject
    CorsSettings settings;

    @Inject
    ServletProblems problems;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean firstDispatch = request.getDispatcherType() == DispatcherType.REQUEST;
        if (firstDispatch && "OPTIONS".equals(request.getMethod())) {
            answerOptions(request, response);
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            AllowedOrigins allowed = settings.allowed();
            if (!allowed.isEmpty()) {
                response.addHeader("Vary", "Origin");
            }
            if (allowed.allows(origin) && RequestHeaders.all(request, "Origin").size() == 1) {
                response.setHeader("Access-Control-Allow-Origin", origin);
                // A 429's wait must be readable by the page, not only by the browser.
                response.setHeader("Access-Control-Expose-Headers", "Retry-After");
            }
        }
        chain.doFilter(request, response);
    }

    private void answerOptions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> methods = RequestHeaders.all(request, "Access-Control-Request-Method");
        if (methods.isEmpty()) {
            response.setHeader("Allow", Preflight.ALLOWED_METHOD);
            problems.write(request, response, Problem.of(ProblemKind.METHOD_NOT_ALLOWED,
                    "The API takes POST; OPTIONS is answered to a browser's CORS preflight only."));
            return;
        }
        Preflight preflight = new Preflight(RequestHeaders.all(request, "Origin"),
                methods.size() == 1 ? methods.get(0) : null, RequestHeaders.all(request, "Access-Control-Request-Headers"));
        AllowedOrigins allowed = settings.allowed();
        String refusal = preflight.refusal(allowed);
        if (!allowed.isEmpty()) {
            response.addHeader("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        }
        if (refusal != null) {
            problems.write(request, response, Problem.of(ProblemKind.CROSS_ORIGIN_REFUSED, refusal));
            return;
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        response.setHeader("Access-Control-Allow-Origin", preflight.origins().get(0));
        response.setHeader("Access-Control-Allow-Methods", Preflight.ALLOWED_METHOD);
        response.setHeader("Access-Control-Allow-Headers", Preflight.ALLOWED_HEADERS);
        response.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
    }
}
