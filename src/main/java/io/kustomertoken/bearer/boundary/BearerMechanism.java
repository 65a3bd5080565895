package io.kustomertoken.bearer.boundary;

import io.kustomertoken.bearer.control.AccessTokenVerifier;
import io.kustomertoken.bearer.entity.AccessToken;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * Signs a bearer caller in with its access token, checked by {@link AccessTokenVerifier}, in place
 * of the server's own MP-JWT mechanism (both servers implement MP-JWT as a Jakarta Security
 * mechanism bean, which this alternative replaces). Payara's parsed the provider's JWKS again on
 * every request, a third of BASIC's speed (issue 26); it also ended a request without a token
 * with an empty 200, accepted a token whose {@code nbf} was to come, and WildFly's answered 500
 * to a made-up key id. Here: no token, or one that does not verify, is 401
 * ({@link ChallengeFilter} adds the RFC 6750 challenge); a verified one signs the caller in with
 * its groups as roles. The servers reach a mechanism through a bridge that costs a JNDI look-up a
 * request, so {@link BearerAuthModule} signs callers in the same way without it; this bean stays
 * what the server's MP-JWT would otherwise find, and answers the same should a server call it.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class BearerMechanism implements HttpAuthenticationMechanism {

    private static final String SCHEME = "bearer";

    @Inject
    AccessTokenVerifier verifier;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        Optional<AccessToken> caller = callerOf(request, verifier);
        if (caller.isPresent()) {
            return context.notifyContainerAboutLogin(caller.get(), caller.get().getGroups());
        }
        return context.isProtected() ? context.responseUnauthorized() : context.doNothing();
    }

    /** The caller's verified access token, or empty: none sent, or not one this service takes. */
    static Optional<AccessToken> callerOf(HttpServletRequest request, AccessTokenVerifier verifier) {
        return tokenOf(request.getHeader("Authorization")).flatMap(verifier::verified);
    }

    /**
     * RFC 6750 §2.1: "Bearer" (ASCII letters in any case), one space, then the b64token:
     * {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}, and nothing else.
     * A scan, not a regular expression: on a 1 KB token the expression's character class was
     * 6 % of a bearer request's CPU (JFR, issue 26).
     */
    static Optional<String> tokenOf(String authorization) {
        int start = SCHEME.length() + 1;
        if (authorization == null || authorization.length() <= start || authorization.charAt(SCHEME.length()) != ' ') {
            return Optional.empty();
        }
        for (int i = 0; i < SCHEME.length(); i++) {
            // Every character of the scheme is a letter: | 0x20 lower-cases A-Z and nothing else onto a-z.
            if ((authorization.charAt(i) | 0x20) != SCHEME.charAt(i)) {
                return Optional.empty();
            }
        }
        int end = authorization.length();
        int i = start;
        while (i < end && isB64TokenCharacter(authorization.charAt(i))) {
            i++;
        }
        if (i == start) {
            return Optional.empty();
        }
        while (i < end && authorization.charAt(i) == '=') {
            i++;
        }
        return i == end ? Optional.of(authorization.substring(start)) : Optional.empty();
    }

    private static boolean isB64TokenCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
