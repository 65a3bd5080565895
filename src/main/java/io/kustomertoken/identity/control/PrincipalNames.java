package io.kustomertoken.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.Principal;

/** A realm user is known by one name, its user name: it is both its externalId and its email. */
@ApplicationScoped
public class PrincipalNames implements OwnNames {

    @Override
    public String externalIdOf(Principal principal) {
        return principal.getName();
    }

    @Override
    public String emailOf(Principal principal) {
        return principal.getName();
    }
}
