package io.kustomertoken.cors.control;

import io.kustomertoken.settings.control.ConfigSnapshot;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * {@value AllowedOrigins#KEY}, read through {@link ConfigSnapshot} like every setting: an
 * administrator's change applies within the re-read interval, without a redeploy. Entries that
 * are not origins are left out with a warning, logged when the list changes.
 */
@ApplicationScoped
public class CorsSettings {

    private static final Logger LOG = Logger.getLogger(CorsSettings.class.getName());

    @Inject
    Config config;

    private final AtomicReference<List<String>> warned = new AtomicReference<>(List.of());
    private ConfigSnapshot<AllowedOrigins> snapshot;

    @PostConstruct
    void readThroughSnapshot() {
        snapshot = new ConfigSnapshot<>(config, this::configured);
    }

    public AllowedOrigins allowed() {
        return snapshot.get();
    }

    private AllowedOrigins configured() {
        AllowedOrigins.Read read = AllowedOrigins.parse(config.getOptionalValue(AllowedOrigins.KEY, String.class)
                .orElse(null));
        if (!read.warnings().equals(warned.getAndSet(read.warnings()))) {
            read.warnings().forEach(LOG::warning);
        }
        return read.allowed();
    }
}
