package io.kustomertoken.bearer.control;

import io.kustomertoken.identity.control.OwnNames;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A bearer customer's own names: {@code externalId} from the claim that
 * {@value BearerSettings#EXTERNAL_ID_CLAIM_KEY} names ({@code sub} by default), {@code email}
 * from {@code email} only when {@code email_verified} is {@code true}: otherwise anyone who can
 * give themselves an unverified address at the provider would read that customer's chats.
 * The token comes from the principal, not from an injected {@code JsonWebToken}: an API call may
 * run on an async dispatch, where Payara has no request context.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class AccessTokenNames implements OwnNames {

    static final String EMAIL = "email";
    static final String EMAIL_VERIFIED = "email_verified";

    @Inject
    BearerSettings settings;

    @Override
    public String externalIdOf(Principal principal) {
        return principal instanceof JsonWebToken token
                ? text(token.getClaim(settings.externalIdClaim()))
                : null;
    }

    @Override
    public String emailOf(Principal principal) {
        if (principal instanceof JsonWebToken token && isTrue(token.getClaim(EMAIL_VERIFIED))) {
            return text(token.getClaim(EMAIL));
        }
        return null;
    }

    // Servers give a claim as a Java value or as JSON-P; anything but a string is no name.
    static String text(Object claim) {
        if (claim instanceof String text) {
            return text;
        }
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return null;
    }

    static boolean isTrue(Object claim) {
        return Boolean.TRUE.equals(claim) || JsonValue.TRUE.equals(claim);
    }
}
