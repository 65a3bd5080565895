package io.kustomertoken.health.control;

import io.kustomertoken.identity.control.CallerIdentities;
import io.kustomertoken.limits.control.TokenLimiter;
import io.kustomertoken.secret.control.SigningSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Whether a token can be signed now: the secret, the identity mode and the limits are usable as
 * the service reads them now (the same reads, at most once per {@code kustomer.config.reread-ms},
 * that the token endpoint uses). One answer for MicroProfile Health and for {@code /ready}.
 */
@ApplicationScoped
public class SigningConditions {

    @Inject
    SigningSecret secret;

    @Inject
    CallerIdentities identities;

    @Inject
    TokenLimiter limits;

    /** Why no token can be signed now, naming the property and never its value; empty when one can. */
    public Optional<String> refusal() {
        return secret.refusal().or(identities::modeRefusal).or(limits::refusal);
    }
}
