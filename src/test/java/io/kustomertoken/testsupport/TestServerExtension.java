package io.kustomertoken.testsupport;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Chooses what the integration tests run against. By default embedded Payara (its Arquillian
 * adapter is on the test classpath), with the demo users created in its file realm. With
 * {@code it.server.url} set, a server that the administrator's scripts prepared: the profile
 * takes the embedded adapter off the classpath and the users come from those scripts.
 */
public class TestServerExtension implements LoadableExtension {

    public static final String SERVER_URL = "it.server.url";

    /** The URL of the server under test, or null for embedded Payara (the build passes it empty then). */
    public static String serverUrl() {
        String url = System.getProperty(SERVER_URL, "");
        return url.isBlank() ? null : url;
    }

    @Override
    public void register(ExtensionBuilder builder) {
        if (serverUrl() != null) {
            builder.service(DeployableContainer.class, AlreadyDeployedContainer.class);
        } else {
            builder.observer(FileRealmUsers.class);
        }
    }
}
