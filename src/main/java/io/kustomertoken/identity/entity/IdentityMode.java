package io.kustomertoken.identity.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which claims a self-service token carries, set by {@code kustomer.token.identity}: the
 * caller's name as {@code externalId} (the default), as {@code email}, or as both.
 */
public enum IdentityMode {
    EXTERNAL_ID("externalId"),
    EMAIL("email"),
    BOTH("both");

    public static final String CONFIG_KEY = "kustomer.token.identity";

    private final String configValue;

    IdentityMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    public static Optional<IdentityMode> fromConfig(String value) {
        return Arrays.stream(values())
                .filter(mode -> mode.configValue.equalsIgnoreCase(value.strip()))
                .findFirst();
    }
}
