package io.kustomertoken.secret.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.ConfigOverride;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.Deployments;
import io.kustomertoken.testsupport.ServerLog;
import io.kustomertoken.testsupport.TestServerExtension;
import io.kustomertoken.testsupport.TokenService;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A configuration that cannot sign stops the deployment instead of failing the first caller.
 * Embedded: Arquillian's deployer, which does not report a context that failed to start, so the
 * test looks at what a caller sees (no application, 404). A real server: its administrator's
 * deploy step must fail loudly, and no token is issued; the restored configuration then
 * deploys again.
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
    final String serverUrl = TestServerExtension.serverUrl();

    @BeforeEach
    void needsAChangeableServer() {
        ConfigOverride.assumeChangeable();
    }

    @AfterEach
    void restoreAndRedeploy() {
        if (serverUrl == null) {
            try {
                deployer.undeploy(WAR);
            } finally {
                config.restore();
            }
        } else {
            config.restore();
            assertTrue(config.redeploy(), "the restored configuration deploys again");
        }
    }

    @Test
    void blankSecretStopsTheDeployment() throws Exception {
        config.set("kustomer.secret", " ");
        assertDeploymentRefused();
    }

    @Test
    void shortSecretStopsTheDeployment() throws Exception {
        config.set("kustomer.secret", SecretRotationIT.SHORT);
        assertDeploymentRefused();
    }

    @Test
    void unknownIdentityModeStopsTheDeployment() throws Exception {
        config.set("kustomer.token.identity", "username");
        assertDeploymentRefused();
    }

    @Test
    void shortSecretDeploysWhenExplicitlyAllowed() throws Exception {
        config.set("kustomer.secret", SecretRotationIT.SHORT).set("kustomer.secret.allow-short", "true");
        if (serverUrl == null) {
            deployer.deploy(WAR);
        } else {
            assertTrue(config.redeploy(), "the deploy step succeeds");
        }
        assertEquals(200, statusOfASelfServiceRequest());
    }

    /**
     * An administrator watching for SEVERE must not be alarmed by us: SLF4J (which jose4j uses)
     * printed three SEVERE lines on Payara Server on the first token after each deploy, until the
     * WAR carried a provider that writes to java.util.logging.
     */
    @Test
    void aFreshDeploymentLogsNothingAboveInfoUpToItsFirstToken() throws Exception {
        try (ServerLog log = ServerLog.capture()) {
            if (serverUrl == null) {
                deployer.deploy(WAR);
            } else {
                assertTrue(config.redeploy(), "the deploy step succeeds");
            }
            assertEquals(200, statusOfASelfServiceRequest());
            assertEquals(200, statusOfASelfServiceRequest());
            // Lines written to standard error reach the log file a moment later.
            assertEquals(List.of(), ServerLog.recordsAboveInfo(log.awaitText("\u0000never")));
        }
    }

    private void assertDeploymentRefused() throws MalformedURLException {
        if (serverUrl == null) {
            deployer.deploy(WAR);
            assertEquals(404, statusOfASelfServiceRequest());
        } else {
            assertFalse(config.redeploy(), "the deploy step fails loudly");
            // Payara removes the failed application (404); WildFly rolls back to the running one,
            // which refuses to sign with the bad configuration (503). Neither issues a token.
            assertNotEquals(200, statusOfASelfServiceRequest());
        }
    }

    private int statusOfASelfServiceRequest() throws MalformedURLException {
        URL application = new URL(serverUrl != null ? serverUrl
                : "http://127.0.0.1:" + System.getProperty("it.http.port") + "/kustomer/");
        return new TokenService(application).postEmpty(DemoAccounts.ALICE).statusCode();
    }
}
