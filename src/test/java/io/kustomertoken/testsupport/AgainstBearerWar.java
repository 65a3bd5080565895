package io.kustomertoken.testsupport;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every integration test of kustomer-bearer.war shares: that WAR deployed, a client for it,
 * and config changes undone after each test. Tokens come from {@link OpenIdProvider}.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class AgainstBearerWar {

    @Deployment(testable = false)
    public static WebArchive bearerWar() {
        return Deployments.bearerWar();
    }

    @ArquillianResource
    protected URL deployment;

    protected TokenService service;

    protected final ConfigOverride config = new ConfigOverride();

    @BeforeEach
    void connect() {
        service = new TokenService(deployment);
    }

    @AfterEach
    void restoreConfig() {
        config.restore();
    }
}
