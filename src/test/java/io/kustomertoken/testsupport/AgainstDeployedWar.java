package io.kustomertoken.testsupport;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Integration tests of kustomer.war (BASIC), deployed to embedded Payara or a real server. */
public abstract class AgainstDeployedWar extends AgainstWar {

    @Deployment(testable = false)
    public static WebArchive war() {
        return Deployments.builtWar();
    }
}
