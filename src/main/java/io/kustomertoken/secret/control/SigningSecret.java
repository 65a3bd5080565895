package io.kustomertoken.secret.control;

import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import io.kustomertoken.secret.entity.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The one bean that reads Kustomer's secret. It asks {@link Config} on every call, so a rotated
 * secret (system property, environment, password alias, config property) applies without a
 * redeploy, within the server's MicroProfile Config cache time.
 */
@ApplicationScoped
public class SigningSecret {

    private static final Logger LOG = Logger.getLogger(SigningSecret.class.getName());

    @Inject
    Config config;

    private final AtomicBoolean shortSecretWarned = new AtomicBoolean();

    /** Fails the deployment when the secret cannot sign, with one line that names the property. */
    void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            configuredKey();
        } catch (SecretRefusedException refused) {
            LOG.severe(refused.getMessage() + " The deployment stops here.");
            throw new IllegalStateException(refused.getMessage());
        }
    }

    /** The key to sign with now; refuses with 503, and tells the log why, when there is none. */
    public SigningKey key() {
        try {
            return configuredKey();
        } catch (SecretRefusedException refused) {
            LOG.severe(refused.getMessage());
            throw new ProblemException(ProblemKind.SIGNING_UNAVAILABLE,
                    "The service is not configured correctly; its log says how to fix it.");
        }
    }

    private SigningKey configuredKey() {
        SigningKey key = SecretPolicy.keyFor(config.getOptionalValue(SecretPolicy.SECRET_KEY, String.class),
                config.getOptionalValue(SecretPolicy.ALLOW_SHORT_KEY, Boolean.class).orElse(false));
        if (!key.belowRecommendedLength()) {
            shortSecretWarned.set(false);
        } else if (shortSecretWarned.compareAndSet(false, true)) {
            LOG.warning(SecretPolicy.SHORT_ALLOWED);
        }
        return key;
    }
}
