package io.kustomertoken.edge.boundary;

import io.kustomertoken.edge.control.HeaderSyntax;
import io.kustomertoken.problems.boundary.ServletProblems;
import io.kustomertoken.problems.entity.Problem;
import io.kustomertoken.problems.entity.ProblemKind;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Enumeration;

/**
 * Refuses, before anything reads the request, the headers JAX-RS would answer badly: a
 * {@code Content-Type} that is not a media type (Jersey answers a bare 400 that no exception
 * mapper sees) and an {@code Accept} that is not a list of media ranges (RESTEasy answers 500
 * with a stack trace in the log).
 */
public class RequestHeadersFilter extends HttpFilter {

    @Inject
    ServletProblems problems;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!readableMediaType(request.getHeader("Content-Type"))) {
            problems.write(request, response, Problem.of(ProblemKind.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json."));
        } else if (!readableAccept(request)) {
            problems.write(request, response, Problem.of(ProblemKind.BAD_REQUEST,
                    "Accept must be a list of media ranges, each weight between 0 and 1 (RFC 9110)."));
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean readableAccept(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders("Accept");
        while (values != null && values.hasMoreElements()) {
            if (!HeaderSyntax.isAccept(values.nextElement())) {
                return false;
            }
        }
        return true;
    }

    private static boolean readableMediaType(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType.valueOf(contentType);
            return true;
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }
}
