package io.kustomertoken.testsupport;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The integration tests deploy the WAR that Maven built, not an archive assembled for them. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive builtWar() {
        File war = new File(System.getProperty("it.war", "target/kustomer.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: run the tests through mvn verify");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
