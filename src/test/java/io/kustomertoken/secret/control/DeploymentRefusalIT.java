package io.kustomertoken.secret.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kustomertoken.testsupport.ConfigOverride;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.Deployments;
import io.kustomertoken.testsupport.TokenService;
import java.net.MalformedURLException;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A configuration that cannot sign stops the application at deployment instead of failing the
 * first caller. The embedded container's deployer does not report a context that failed to start,
 * so the tests look at what a caller sees: no application at {@code /kustomer}.
 */
@ExtendWith(ArquillianExtension.class)
class DeploymentRefusalIT {

    static final String WAR = "refused";

    @Deployment(name = WAR, managed = false, testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    Deployer deployer;

    final ConfigOverride config = new ConfigOverride();

    @AfterEach
    void undeployAndRestore() {
        try {
            deployer.undeploy(WAR);
        } finally {
            config.restore();
        }
    }

    @Test
    void blankSecretStopsTheDeployment() throws Exception {
        config.set("kustomer.secret", " ");
        assertEquals(404, statusAfterDeploying());
    }

    @Test
    void shortSecretStopsTheDeployment() throws Exception {
        config.set("kustomer.secret", SecretRotationIT.SHORT);
        assertEquals(404, statusAfterDeploying());
    }

    @Test
    void unknownIdentityModeStopsTheDeployment() throws Exception {
        config.set("kustomer.token.identity", "username");
        assertEquals(404, statusAfterDeploying());
    }

    @Test
    void shortSecretDeploysWhenExplicitlyAllowed() throws Exception {
        config.set("kustomer.secret", SecretRotationIT.SHORT).set("kustomer.secret.allow-short", "true");
        assertEquals(200, statusAfterDeploying());
    }

    private int statusAfterDeploying() throws MalformedURLException {
        deployer.deploy(WAR);
        URL application = new URL("http://127.0.0.1:" + System.getProperty("it.http.port") + "/kustomer/");
        return new TokenService(application).postEmpty(DemoAccounts.ALICE).statusCode();
    }
}
