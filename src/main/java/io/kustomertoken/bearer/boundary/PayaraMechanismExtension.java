package io.kustomertoken.bearer.boundary;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

/**
 * Keeps {@link BearerChallenge} only where MP-JWT is Payara's Jakarta Security mechanism. On
 * WildFly a mechanism bean of ours would replace its Elytron MP-JWT mechanism altogether.
 */
public class PayaraMechanismExtension implements Extension {

    static final String PAYARA_MECHANISM = "fish.payara.microprofile.jwtauth.eesecurity.JWTAuthenticationMechanism";

    void onlyOnPayara(@Observes ProcessAnnotatedType<BearerChallenge> challenge) {
        if (!payaraMechanismPresent()) {
            challenge.veto();
        }
    }

    private static boolean payaraMechanismPresent() {
        try {
            Class.forName(PAYARA_MECHANISM, false, PayaraMechanismExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
