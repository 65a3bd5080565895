package io.kustomertoken.testsupport;

import java.util.HashMap;
import java.util.Map;

/**
 * Changes MicroProfile Config values for real: embedded Payara runs in the test JVM, so a system
 * property is a config source of the deployed app (the tests set {@code mp.config.cache.duration=0}).
 * {@link #restore()} puts every value back.
 */
public final class ConfigOverride {

    private final Map<String, String> originals = new HashMap<>();

    public ConfigOverride set(String key, String value) {
        originals.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
        return this;
    }

    /** Removes a system property, so that config sources of lower ordinal are seen. */
    public ConfigOverride clear(String key) {
        originals.putIfAbsent(key, System.getProperty(key));
        System.clearProperty(key);
        return this;
    }

    public void restore() {
        originals.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        originals.clear();
    }
}
