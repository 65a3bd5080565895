package io.kustomertoken.identity.control;

import io.kustomertoken.identity.entity.Caller;
import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.identity.entity.IdentityMode;
import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.settings.control.ConfigSnapshot;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The configured identity mode, and the identity a caller gets in it. The mode is read
 * through {@link Config} again at most once per {@code kustomer.config.reread-ms}
 * ({@link ConfigSnapshot}), so that a changed value applies without a redeploy.
 */
@ApplicationScoped
public class CallerIdentities {

    private static final Logger LOG = Logger.getLogger(CallerIdentities.class.getName());
    private static final String BAD_MODE = IdentityMode.CONFIG_KEY
            + " must be externalId, email or both; it is set to something else.";

    @Inject
    Config config;

    private ConfigSnapshot<IdentityMode> snapshot;

    @PostConstruct
    void readThroughSnapshot() {
        snapshot = new ConfigSnapshot<>(config, this::configuredModeOrLogged);
    }

    /** Fails the deployment on a mode this service does not know, before any caller sees it. */
    void checkModeAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (configuredMode().isEmpty()) {
            LOG.severe(BAD_MODE + " The deployment stops here.");
            throw new IllegalStateException(BAD_MODE);
        }
    }

    public IdentityMode mode() {
        return snapshot.get();
    }

    /** Why no identity mode applies now (an unknown value), naming the property; empty when one does. */
    public Optional<String> modeRefusal() {
        try {
            snapshot.get();
            return Optional.empty();
        } catch (ProblemException unknownMode) {
            return Optional.of(BAD_MODE);
        }
    }

    private IdentityMode configuredModeOrLogged() {
        return configuredMode().orElseThrow(() -> {
            LOG.severe(BAD_MODE);
            return ProblemException.misconfigured();
        });
    }

    /** The identity to sign for {@code caller} and what its request names, in the mode now in force. */
    public Identity resolve(Caller caller, Identity named) {
        return IdentityEntitlement.resolve(caller, mode(), named);
    }

    private Optional<IdentityMode> configuredMode() {
        return config.getOptionalValue(IdentityMode.CONFIG_KEY, String.class)
                .map(IdentityMode::fromConfig)
                .orElse(Optional.of(IdentityMode.EXTERNAL_ID));
    }
}
