package io.kustomertoken.csrf.boundary;

import io.kustomertoken.csrf.control.AmbientSignIn;
import io.kustomertoken.problems.boundary.ServletProblems;
import io.kustomertoken.problems.entity.Problem;
import io.kustomertoken.problems.entity.ProblemKind;
import io.kustomertoken.requests.boundary.RequestHeaders;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses, after the container has signed the caller in and before the body is read, a request
 * signed in without an {@code Authorization} header that a page of another site could have made
 * the browser send ({@link AmbientSignIn}): with the servers' single sign-on on, their cookie
 * signs a browser in to this service too.
 */
public class CrossSiteRequestFilter extends HttpFilter {

    @Inject
    ServletProblems problems;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String refusal = AmbientSignIn.refusal(RequestHeaders.all(request, "Authorization"),
                RequestHeaders.all(request, "Content-Type"), RequestHeaders.all(request, "Sec-Fetch-Site"));
        if (refusal == null) {
            chain.doFilter(request, response);
        } else {
            problems.write(request, response, Problem.of(ProblemKind.CROSS_SITE_REQUEST_REFUSED, refusal));
        }
    }
}
