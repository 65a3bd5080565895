package io.kustomertoken.testsupport;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The integration tests deploy the WAR that Maven built, not an archive assembled for them. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive builtWar() {
        return built(System.getProperty("it.war", "target/kustomer.war"));
    }

    /** kustomer-bearer.war: the same sources, callers with an access token (MP-JWT). */
    public static WebArchive bearerWar() {
        return built(System.getProperty("it.bearer.war", "target/kustomer-bearer.war"));
    }

    private static WebArchive built(String path) {
        File war = new File(path);
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: run the tests through mvn verify");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
