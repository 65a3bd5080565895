package io.kustomertoken.tokens.control;

import io.kustomertoken.identity.control.CallerIdentities;
import io.kustomertoken.identity.control.IdentityEntitlement;
import io.kustomertoken.identity.entity.Caller;
import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.limits.control.TokenLimiter;
import io.kustomertoken.outcomes.entity.TokenAsked;
import io.kustomertoken.outcomes.entity.TokenIssued;
import io.kustomertoken.tokens.entity.IssuedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Decides whose token a caller gets, then has it signed; fires what was asked and what
 * was issued (a refusal is fired by whoever answers it).
 */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    CallerIdentities identities;

    @Inject
    TokenLimiter limiter;

    @Inject
    TokenSigner signer;

    @Inject
    Event<TokenAsked> asked;

    @Inject
    Event<TokenIssued> issued;

    /** The token {@code caller}, as the container authenticated it, gets when it names {@code named}. */
    public IssuedToken issueFor(Caller caller, Identity named) {
        String role = IdentityEntitlement.roleActedIn(caller, named);
        // What was asked, for the answer of a refusal while resolving; then what the token carries.
        asked.fire(named.namesNobody() ? new TokenAsked(role, null, null)
                : new TokenAsked(role, named.externalId(), named.email()));
        Identity resolved = identities.resolve(caller, named);
        asked.fire(new TokenAsked(role, resolved.externalId(), resolved.email()));
        limiter.spend(caller, role, resolved);
        long signing = System.nanoTime();
        IssuedToken token = signer.sign(resolved);
        Duration took = Duration.ofNanos(System.nanoTime() - signing);
        issued.fire(new TokenIssued(token.identity().externalId(), token.identity().email(), took));
        return token;
    }
}
