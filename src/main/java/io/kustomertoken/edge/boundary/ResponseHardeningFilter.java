package io.kustomertoken.edge.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every answer carries, the container's refusals included (the error dispatch is
 * filtered too):
 * <ul>
 * <li>{@code X-Content-Type-Options: nosniff}: a browser must never guess that a JSON answer,
 * which holds a token or a caller's own words, is something to render or run.</li>
 * <li>A BASIC challenge names this service ({@value #REALM}). Left to the container it is empty
 * on Payara and the host name and port on WildFly; and on Payara {@code <realm-name>} in
 * web.xml would also choose the security realm, which is the administrator's choice.</li>
 * </ul>
 */
public class ResponseHardeningFilter extends HttpFilter {

    static final String REALM = "kustomer-token-service";
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    private static final String BASIC_CHALLENGE = "Basic realm=\"" + REALM + "\"";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        String challenge = response.getHeader(WWW_AUTHENTICATE);
        if (challenge != null && challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            response.setHeader(WWW_AUTHENTICATE, BASIC_CHALLENGE);
        }
        chain.doFilter(request, response);
    }
}
