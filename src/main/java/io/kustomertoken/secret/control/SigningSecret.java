package io.kustomertoken.secret.control;

import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.secret.entity.SigningKey;
import io.kustomertoken.settings.control.ConfigSnapshot;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The one bean that reads Kustomer's secret. It asks {@link Config} again at most once per
 * {@code kustomer.config.reread-ms} ({@link ConfigSnapshot}), so a rotated secret (system
 * property, environment, password alias, config property) applies without a redeploy, within the
 * server's MicroProfile Config cache time plus that interval.
 */
@ApplicationScoped
public class SigningSecret {

    private static final Logger LOG = Logger.getLogger(SigningSecret.class.getName());

    @Inject
    Config config;

    private final AtomicBoolean shortSecretWarned = new AtomicBoolean();
    private ConfigSnapshot<SigningKey> snapshot;
    // The key of the last read, kept while the secret stays the same (one read at a time).
    private volatile SigningKey lastKey;

    @PostConstruct
    void readThroughSnapshot() {
        snapshot = new ConfigSnapshot<>(config, this::configuredKeyOrLogged);
    }

    /** Fails the deployment when the secret cannot sign, with one line that names the property. */
    void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            configuredKey();
        } catch (SecretRefusedException refused) {
            LOG.severe(refused.getMessage() + " The deployment stops here.");
            throw new IllegalStateException(refused.getMessage());
        }
    }

    /** The key to sign with now; refuses with 503 when there is none (the log says why, once per read). */
    public SigningKey key() {
        try {
            return snapshot.get();
        } catch (SecretRefusedException refused) {
            throw ProblemException.misconfigured();
        }
    }

    /** Why the service cannot sign now, naming the property and never its value; empty when it can. */
    public Optional<String> refusal() {
        try {
            snapshot.get();
            return Optional.empty();
        } catch (SecretRefusedException refused) {
            return Optional.of(refused.getMessage());
        }
    }

    private SigningKey configuredKeyOrLogged() {
        try {
            return configuredKey();
        } catch (SecretRefusedException refused) {
            LOG.severe(refused.getMessage());
            throw refused;
        }
    }

    private SigningKey configuredKey() {
        SigningKey key = SecretPolicy.keyFor(config.getOptionalValue(SecretPolicy.SECRET_KEY, String.class),
                config.getOptionalValue(SecretPolicy.ALLOW_SHORT_KEY, Boolean.class).orElse(false), lastKey);
        lastKey = key;
        if (!key.belowRecommendedLength()) {
            shortSecretWarned.set(false);
        } else if (shortSecretWarned.compareAndSet(false, true)) {
            LOG.warning(SecretPolicy.SHORT_ALLOWED);
        }
        return key;
    }
}
