package io.kustomertoken.edge.control;

import io.kustomertoken.settings.control.ConfigSnapshot;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * How long a request body may take to arrive whole: {@value #KEY}, from {@value #MIN_SECONDS} to
 * {@value #MAX_SECONDS} s, {@value #DEFAULT_SECONDS} by default; read like every setting, so a
 * change applies to the next slow body without a redeploy. Longer suits callers on slow links,
 * shorter frees a stalled caller's connection sooner. Another value is not refused (nothing is
 * less safe for it): the default applies, with one WARNING naming the property.
 */
@ApplicationScoped
public class BodyTimeout {

    public static final String KEY = "kustomer.request.body-timeout-seconds";
    static final int DEFAULT_SECONDS = 10;
    static final int MIN_SECONDS = 1;
    static final int MAX_SECONDS = 120;
    private static final Logger LOG = Logger.getLogger(BodyTimeout.class.getName());

    @Inject
    Config config;

    private ConfigSnapshot<Duration> snapshot;
    private final AtomicReference<String> warned = new AtomicReference<>("");

    @PostConstruct
    void readThroughSnapshot() {
        snapshot = new ConfigSnapshot<>(config, () -> {
            Optional<String> configured = config.getOptionalValue(KEY, String.class);
            Optional<Duration> valid = valid(configured);
            String warning = configured.isPresent() && valid.isEmpty() ? KEY + " must be a whole number of seconds from "
                    + MIN_SECONDS + " to " + MAX_SECONDS + "; " + DEFAULT_SECONDS + " s applies." : "";
            // Once per wrong value, and again if it comes back after a right one.
            if (!warning.equals(warned.getAndSet(warning)) && !warning.isEmpty()) {
                LOG.warning(warning);
            }
            return valid.orElse(Duration.ofSeconds(DEFAULT_SECONDS));
        });
    }

    /** The time a body has, as last read. */
    public Duration get() {
        return snapshot.get();
    }

    /** The time a configured value gives, if it is one. */
    static Optional<Duration> valid(Optional<String> configured) {
        return configured.map(String::strip).filter(value -> value.matches("[0-9]{1,3}")).map(Integer::parseInt)
                .filter(seconds -> seconds >= MIN_SECONDS && seconds <= MAX_SECONDS).map(Duration::ofSeconds);
    }
}
