package io.kustomertoken.tokens.control;

import io.kustomertoken.audit.control.AuditTrail;
import io.kustomertoken.identity.control.CallerIdentities;
import io.kustomertoken.identity.control.IdentityEntitlement;
import io.kustomertoken.identity.control.ServedRequest;
import io.kustomertoken.identity.entity.Caller;
import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.limits.control.TokenLimiter;
import io.kustomertoken.metrics.control.TokenMetrics;
import io.kustomertoken.tokens.entity.IssuedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides whose token the current caller gets, then has it signed; notes both for the audit
 * trail (a refusal is noted by whoever answers it).
 */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    CallerIdentities callers;

    @Inject
    TokenLimiter limiter;

    @Inject
    TokenSigner signer;

    @Inject
    TokenMetrics metrics;

    public IssuedToken issueFor(Identity named) {
        HttpServletRequest request = ServedRequest.current();
        Caller caller = callers.current();
        String role = IdentityEntitlement.roleActedIn(caller, named);
        // What was asked, for the line of a refusal while resolving; then what the token carries.
        AuditTrail.asked(request, role, named.namesNobody() ? null : named);
        Identity resolved = callers.resolve(named);
        AuditTrail.asked(request, role, resolved);
        limiter.spend(caller, role, resolved);
        long signing = System.nanoTime();
        IssuedToken issued = signer.sign(resolved);
        metrics.signed(System.nanoTime() - signing);
        AuditTrail.issued(request, issued.identity());
        return issued;
    }
}
