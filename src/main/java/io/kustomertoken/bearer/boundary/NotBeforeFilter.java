package io.kustomertoken.bearer.boundary;

import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses an access token whose {@code nbf} (not before) lies in the future. WildFly's MP-JWT
 * checks it; Payara's accepts such a token (seen with Payara 6.2024.8), so the check is ours
 * too, with the server's own {@code mp.jwt.verify.clock.skew}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class NotBeforeFilter implements ContainerRequestFilter {

    static final String CLOCK_SKEW_KEY = "mp.jwt.verify.clock.skew";

    @Inject
    Config config;

    Clock clock = Clock.systemUTC();

    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext().getUserPrincipal();
        if (!(principal instanceof JsonWebToken token)) {
            return;
        }
        Object notBefore = token.getClaim("nbf");
        // Most tokens carry no nbf: only those that do cost a read of the clock skew.
        if (notBefore != null && notYetValid(notBefore, clock.millis() / 1000,
                config.getOptionalValue(CLOCK_SKEW_KEY, Long.class).orElse(0L))) {
            throw new ProblemException(ProblemKind.UNAUTHORIZED, "The access token is not valid yet (nbf).");
        }
    }

    /** Whether a token with this {@code nbf} claim is not valid yet; a token without one is valid. */
    static boolean notYetValid(Object notBefore, long nowSeconds, long skewSeconds) {
        long seconds;
        if (notBefore instanceof Number number) {
            seconds = number.longValue();
        } else if (notBefore instanceof JsonNumber json) {
            seconds = json.longValue();
        } else {
            return notBefore != null;
        }
        return seconds > nowSeconds + Math.max(skewSeconds, 0);
    }
}
