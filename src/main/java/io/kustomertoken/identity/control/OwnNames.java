package io.kustomertoken.identity.control;

import java.security.Principal;

/**
 * Where a signed-in customer's own {@code externalId} and {@code email} come from. The password
 * WAR knows its callers by their principal's name ({@link PrincipalNames}); the bearer WAR by
 * claims of their access token (package {@code io.kustomertoken.bearer}), which replaces this
 * bean as a CDI alternative.
 */
public interface OwnNames {

    /** What the caller's own {@code externalId} would be; {@code null} when it has none. */
    String externalIdOf(Principal principal);

    /** What the caller's own {@code email} would be; {@code null} when its sign-in vouches for none. */
    String emailOf(Principal principal);
}
