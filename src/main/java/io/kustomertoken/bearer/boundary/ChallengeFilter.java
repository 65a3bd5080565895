package io.kustomertoken.bearer.boundary;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * RFC 6750 §3: a 401 tells the caller to send a bearer token, and why the one it sent was not
 * taken. The container's 401 (from {@link BearerMechanism}) reaches the error page without one,
 * so the error page of kustomer-bearer.war adds it.
 */
@WebFilter(urlPatterns = "/problem", dispatcherTypes = DispatcherType.ERROR)
public class ChallengeFilter extends HttpFilter {

    static final String CHALLENGE = "WWW-Authenticate";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (Integer.valueOf(HttpServletResponse.SC_UNAUTHORIZED).equals(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE))
                && !response.containsHeader(CHALLENGE)) {
            response.setHeader(CHALLENGE, challengeFor(request.getHeader("Authorization")));
        }
        chain.doFilter(request, response);
    }

    /** {@code Bearer} for a caller that sent no bearer token; with the RFC's error code for one that did. */
    static String challengeFor(String authorization) {
        boolean sentBearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank();
        return sentBearer ? "Bearer error=\"invalid_token\"" : "Bearer";
    }
}
