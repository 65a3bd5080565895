package io.kustomertoken.testsupport;

import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every integration test against a deployed WAR shares: a client for it, and config
 * changes that are undone after each test. A subclass names the WAR with its {@code @Deployment}.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class AgainstWar {

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
