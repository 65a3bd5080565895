package io.kustomertoken.bearer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.EmbeddedOnly;
import io.kustomertoken.testsupport.ConfigOverride;
import io.kustomertoken.testsupport.Deployments;
import io.kustomertoken.testsupport.OpenIdProvider;
import io.kustomertoken.testsupport.ServerLog;
import io.kustomertoken.testsupport.TestServerExtension;
import io.kustomertoken.testsupport.TokenService;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kustomer-bearer.war does not start with settings that would let too much in, and its log line
 * says which. Embedded Payara only: there the settings are this JVM's system properties; on the
 * real servers configure-bearer.sh refuses the same inputs before it changes anything.
 */
@EmbeddedOnly
@ExtendWith(ArquillianExtension.class)
class BearerDeploymentRefusalIT {

    static final String WAR = "refused-bearer";

    @Deployment(name = WAR, managed = false, testable = false)
    static WebArchive war() {
        return Deployments.bearerWar();
    }

    @ArquillianResource
    Deployer deployer;

    final ConfigOverride config = new ConfigOverride();

    @BeforeEach
    void embeddedOnly() {
        Assumptions.assumeTrue(TestServerExtension.serverUrl() == null,
                "embedded Payara only");
    }

    @AfterEach
    void undeployAndRestore() {
        try {
            deployer.undeploy(WAR);
        } finally {
            config.restore();
        }
    }

    @Test
    void withoutAnAudienceItDoesNotStart() throws Exception {
        config.clear("mp.jwt.verify.audiences");
        assertRefused("mp.jwt.verify.audiences is not set");
    }

    @Test
    void anAudienceListOfCommasOnlyDoesNotStart() throws Exception {
        config.set("mp.jwt.verify.audiences", " , ,");
        assertRefused("mp.jwt.verify.audiences names no audience");
    }

    @Test
    void anAlgorithmOtherThanMicroProfileJwtsDoesNotStart() throws Exception {
        config.set("mp.jwt.verify.publickey.algorithm", "HS256");
        assertRefused("mp.jwt.verify.publickey.algorithm must be RS256 or ES256");
    }

    @Test
    void aClockSkewThatIsNoNumberOfSecondsDoesNotStart() throws Exception {
        config.set("mp.jwt.verify.clock.skew", "1m");
        assertRefused("mp.jwt.verify.clock.skew must be a whole number of seconds from 0 to 300");
    }

    @Test
    void keysKeptForLessThan15SecondsDoNotStart() throws Exception {
        config.set("kustomer.bearer.keys-kept-seconds", "5");
        assertRefused("kustomer.bearer.keys-kept-seconds must be a whole number of seconds from 15 to 3600");
    }

    @Test
    void verifiedTokensKeptBeyondTheBoundDoNotStart() throws Exception {
        config.set("kustomer.bearer.verified-tokens-kept", "1000001");
        assertRefused("kustomer.bearer.verified-tokens-kept must be a whole number from 0 (none kept) to 100000");
    }

    @Test
    void withoutAJwksUrlItDoesNotStart() throws Exception {
        config.clear("mp.jwt.verify.publickey.location");
        assertRefused("mp.jwt.verify.publickey.location (the provider's JWKS URL) is not set");
    }

    @Test
    void aJwksLocationThatIsNoUrlDoesNotStart() throws Exception {
        config.set("mp.jwt.verify.publickey.location", "/etc/keys/jwks.json");
        assertRefused("mp.jwt.verify.publickey.location must be the provider's JWKS URL (http or https)");
    }

    @Test
    void aKeyGivenInlineIsRefusedRatherThanIgnored() throws Exception {
        // In place of the JWKS URL (Payara itself refuses both at once).
        config.clear("mp.jwt.verify.publickey.location");
        config.set("mp.jwt.verify.publickey", OpenIdProvider.realmPublicKeyPem());
        assertRefused("mp.jwt.verify.publickey (a key given inline) is not supported");
    }

    @Test
    void emailAsTheExternalIdClaimDoesNotStart() throws Exception {
        config.set("kustomer.bearer.external-id-claim", "email");
        assertRefused("kustomer.bearer.external-id-claim cannot be email");
    }

    @Test
    void theSameWarStartsWithTheSettingsRestored() throws Exception {
        deployer.deploy(WAR);
        assertEquals(200, statusOfAlicesRequest());
    }

    /** What was checked at the start is what applies: a bad value set later never reaches a first request. */
    @Test
    void settingsChangedAfterTheStartAreNotHalfReadByAFirstRequest() throws Exception {
        deployer.deploy(WAR);
        config.set("mp.jwt.verify.clock.skew", "a minute");
        config.set("kustomer.bearer.keys-kept-seconds", "5");
        config.set("kustomer.bearer.verified-tokens-kept", "-1");
        assertEquals(200, statusOfAlicesRequest());
    }

    private void assertRefused(String logged) throws Exception {
        try (ServerLog log = ServerLog.capture()) {
            deployer.deploy(WAR);
            assertEquals(404, statusOfAlicesRequest(), "no application answers");
            String text = log.awaitText(logged);
            assertTrue(text.contains("The bearer WAR cannot start: ") && text.contains(logged), text);
        }
    }

    private static int statusOfAlicesRequest() throws Exception {
        URL application = new URL("http://127.0.0.1:" + System.getProperty("it.http.port") + "/kustomer-bearer/");
        return new TokenService(application).postEmpty(OpenIdProvider.customerToken("alice")).statusCode();
    }
}
