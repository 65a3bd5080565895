package io.kustomertoken.tokens.control;

import io.kustomertoken.identity.control.CallerIdentities;
import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.tokens.entity.IssuedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Decides whose token the current caller gets, then has it signed. */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    CallerIdentities callers;

    @Inject
    TokenSigner signer;

    public IssuedToken issueFor(Identity named) {
        return signer.sign(callers.resolve(named));
    }
}
