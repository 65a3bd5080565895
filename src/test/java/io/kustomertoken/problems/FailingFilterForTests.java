package io.kustomertoken.problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Added to the WAR by {@link ContainerFailureIT} only: a bug outside JAX-RS, on one path. */
@WebFilter(FailingFilterForTests.PATH)
public class FailingFilterForTests extends HttpFilter {

    static final String PATH = "/test-only/failure";
    static final String MESSAGE = "a failure outside JAX-RS, thrown by a test filter";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) {
        throw new IllegalStateException(MESSAGE);
    }
}
