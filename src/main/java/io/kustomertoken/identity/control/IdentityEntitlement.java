package io.kustomertoken.identity.control;

import io.kustomertoken.identity.entity.Caller;
import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.identity.entity.IdentityMode;
import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;

/**
 * Whose token a caller may get: a delegate any customer's it names, a customer only its own,
 * which comes from its principal name and the identity mode, never from the request.
 */
public final class IdentityEntitlement {

    private IdentityEntitlement() {
    }

    /** The identity to sign for this caller and what its request names. */
    public static Identity resolve(Caller caller, IdentityMode mode, Identity named) {
        if (caller.delegate() && !named.namesNobody()) {
            return IdentityRules.checked(named);
        }
        if (caller.customer()) {
            Identity own = own(caller, mode);
            if (!named.namesNobody() && !agreesWith(own, IdentityRules.checked(named))) {
                throw notPermitted();
            }
            return own;
        }
        if (caller.delegate()) {
            throw new ProblemException(ProblemKind.MISSING_IDENTITY,
                    "A delegate names the customer with externalId or email.");
        }
        throw notPermitted();
    }

    /**
     * The role {@link #resolve} lets the caller act in: delegate when it names a customer,
     * customer otherwise; {@code null} when it has neither role.
     */
    public static String roleActedIn(Caller caller, Identity named) {
        if (caller.delegate() && (!named.namesNobody() || !caller.customer())) {
            return Caller.DELEGATE_ROLE;
        }
        return caller.customer() ? Caller.CUSTOMER_ROLE : null;
    }

    /** The last word before signing: anything but a delegate gets exactly its own identity. */
    public static void requireEntitled(Caller caller, IdentityMode mode, Identity checked) {
        if (caller.delegate()) {
            return;
        }
        if (!caller.customer() || !own(caller, mode).equals(checked)) {
            throw notPermitted();
        }
    }

    /**
     * A customer's own identity, as the mode says: its name as {@code externalId}, its email as
     * {@code email}. Never anything its request says.
     */
    public static Identity own(Caller caller, IdentityMode mode) {
        if (!caller.authenticated()) {
            throw notPermitted();
        }
        try {
            return switch (mode) {
                case EXTERNAL_ID -> Identity.ofExternalId(IdentityRules.checkedExternalId(required(caller.name())));
                case EMAIL -> Identity.ofEmail(IdentityRules.checkedEmail(requiredEmail(caller)));
                case BOTH -> new Identity(IdentityRules.checkedExternalId(required(caller.name())),
                        IdentityRules.checkedEmail(requiredEmail(caller)));
            };
        } catch (ProblemException unusable) {
            throw new ProblemException(ProblemKind.CALLER_IDENTITY_UNUSABLE,
                    "Your sign-in cannot be sent to Kustomer as " + mode.configValue() + ": "
                            + unusable.getMessage());
        }
    }

    private static String required(String name) {
        if (name == null) {
            throw new ProblemException(ProblemKind.CALLER_IDENTITY_UNUSABLE,
                    "it carries no value for the claim this service is configured to use.");
        }
        return name;
    }

    // An access token's email counts only when the provider says it verified it (see Caller).
    private static String requiredEmail(Caller caller) {
        if (caller.email() == null) {
            throw new ProblemException(ProblemKind.CALLER_IDENTITY_UNUSABLE,
                    "it carries no email address that its provider verified (email_verified: true).");
        }
        return caller.email();
    }

    // A customer may name itself; every claim it names must be one of its own.
    private static boolean agreesWith(Identity own, Identity named) {
        return (named.externalId() == null || named.externalId().equals(own.externalId()))
                && (named.email() == null || named.email().equals(own.email()));
    }

    private static ProblemException notPermitted() {
        return new ProblemException(ProblemKind.IDENTITY_NOT_PERMITTED,
                "A customer may get a token only for itself.");
    }
}
