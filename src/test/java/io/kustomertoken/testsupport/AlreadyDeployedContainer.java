package io.kustomertoken.testsupport;

import java.net.MalformedURLException;
import java.net.URL;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;

/**
 * A server that an administrator's scripts have configured and deployed the WAR to already (see
 * server-config/): "deploying" hands the tests its URL and nothing else, so the integration tests
 * run unchanged against Payara Server or WildFly exactly as set up for production.
 */
public class AlreadyDeployedContainer implements DeployableContainer<AlreadyDeployedContainer.Configuration> {

    private URL application;

    @Override
    public Class<Configuration> getConfigurationClass() {
        return Configuration.class;
    }

    @Override
    public void setup(Configuration configuration) {
        application = configuration.url();
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) {
        HTTPContext context = new HTTPContext(application.getHost(), application.getPort());
        String path = application.getPath().replaceAll("/$", "");
        // kustomer-bearer.war, which the server scripts deploy beside kustomer.war, at its own root.
        if (archive.getName().endsWith("-bearer.war")) {
            path = path + "-bearer";
        }
        context.add(new Servlet("application", path));
        return new ProtocolMetaData().addContext(context);
    }

    @Override
    public void undeploy(Archive<?> archive) {
        // The administrator's restore script undeploys.
    }

    /** {@code applicationUrl}: where the WAR answers, e.g. {@code http://127.0.0.1:8380/kustomer/}. */
    public static class Configuration implements ContainerConfiguration {

        private String applicationUrl;

        public String getApplicationUrl() {
            return applicationUrl;
        }

        public void setApplicationUrl(String applicationUrl) {
            this.applicationUrl = applicationUrl;
        }

        URL url() {
            try {
                return new URL(applicationUrl);
            } catch (MalformedURLException wrong) {
                throw new IllegalStateException(wrong);
            }
        }

        @Override
        public void validate() throws ConfigurationException {
            if (applicationUrl == null || !applicationUrl.startsWith("http://127.0.0.1:")) {
                // Tests send real credentials and load: only ever to this machine.
                throw new ConfigurationException("applicationUrl must be http://127.0.0.1:<port>/…, not "
                        + applicationUrl);
            }
        }
    }
}
