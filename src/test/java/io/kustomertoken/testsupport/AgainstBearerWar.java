package io.kustomertoken.testsupport;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Integration tests of kustomer-bearer.war (MP-JWT); tokens come from {@link OpenIdProvider}. */
public abstract class AgainstBearerWar extends AgainstWar {

    @Deployment(testable = false)
    public static WebArchive bearerWar() {
        // The provider answers before the WAR that trusts it is deployed.
        OpenIdProvider.ensureRunning();
        return Deployments.bearerWar();
    }
}
