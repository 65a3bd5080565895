package io.kustomertoken.bearer.boundary;

import io.kustomertoken.bearer.control.AccessTokenVerifier;
import jakarta.inject.Inject;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;

/**
 * Makes {@link BearerAuthModule} this WAR's Jakarta Authentication module. Soteria registers its
 * bridge to the mechanism bean while the container starts the WAR (a ServletContainerInitializer);
 * a listener runs after that, and a registration for the same WAR takes the place of the one
 * before. Removed when the WAR stops, so that nothing of it outlives an undeploy.
 */
@WebListener
public class BearerAuthRegistration implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(BearerAuthRegistration.class.getName());

    @Inject
    AccessTokenVerifier verifier;

    @Override
    public void contextInitialized(ServletContextEvent started) {
        AuthConfigFactory.getFactory().registerServerAuthModule(new BearerAuthModule(verifier), started.getServletContext());
        LOG.info(() -> "kustomer-bearer: callers with an access token are signed in by " + BearerAuthModule.class.getName()
                + " at " + started.getServletContext().getContextPath());
    }

    @Override
    public void contextDestroyed(ServletContextEvent stopped) {
        AuthConfigFactory.getFactory().removeServerAuthModule(stopped.getServletContext());
    }
}
