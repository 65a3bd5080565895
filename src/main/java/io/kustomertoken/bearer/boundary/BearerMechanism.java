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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs a bearer caller in with its access token, checked by {@link AccessTokenVerifier}, in place
 * of the server's own MP-JWT mechanism (both servers implement MP-JWT as a Jakarta Security
 * mechanism bean, which this alternative replaces). Payara's parsed the provider's JWKS again on
 * every request, a third of BASIC's speed (issue 26); it also ended a request without a token
 * with an empty 200, accepted a token whose {@code nbf} was to come, and WildFly's answered 500
 * to a made-up key id. Here: no token, or one that does not verify, is 401
 * ({@link ChallengeFilter} adds the RFC 6750 challenge); a verified one signs the caller in with
 * its groups as roles.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class BearerMechanism implements HttpAuthenticationMechanism {

    // RFC 6750 §2.1: "Bearer" (any case), one space, the b64token.
    private static final Pattern BEARER = Pattern.compile("(?i:bearer) ([A-Za-z0-9._~+/-]+=*)");

    @Inject
    AccessTokenVerifier verifier;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        Optional<AccessToken> caller = bearerToken(request).flatMap(verifier::verified);
        if (caller.isPresent()) {
            return context.notifyContainerAboutLogin(caller.get(), caller.get().getGroups());
        }
        return context.isProtected() ? context.responseUnauthorized() : context.doNothing();
    }

    private static Optional<String> bearerToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher bearer = BEARER.matcher(authorization);
        return bearer.matches() ? Optional.of(bearer.group(1)) : Optional.empty();
    }
}
