package io.kustomertoken.limits.control;

import io.kustomertoken.limits.entity.LimitScope;
import io.kustomertoken.limits.entity.TokenLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The limits from MicroProfile Config. A value that is not a whole number in range does not stop
 * signing: its default applies, and the returned warnings name the property to fix.
 */
public final class LimitSettings {

    private LimitSettings() {
    }

    /** What {@code value} (a property's raw value, empty when unset) says, with a warning per bad value. */
    public static Read read(Function<String, Optional<String>> value) {
        List<String> warnings = new ArrayList<>();
        TokenLimits defaults = TokenLimits.DEFAULTS;
        return new Read(new TokenLimits(
                number(value, TokenLimits.CUSTOMER_KEY, defaults.customerPerMinute(), 0, Integer.MAX_VALUE, warnings),
                number(value, TokenLimits.DELEGATE_KEY, defaults.delegatePerMinute(), 0, Integer.MAX_VALUE, warnings),
                number(value, TokenLimits.IDENTITY_KEY, defaults.identityPerMinute(), 0, Integer.MAX_VALUE, warnings),
                number(value, TokenLimits.TRACKED_KEY, defaults.trackedKeys(), TokenBuckets.STRIPES,
                        TokenLimits.MAX_TRACKED_KEYS, warnings)),
                List.copyOf(warnings));
    }

    /**
     * Where the limits count ({@value LimitScope#KEY}: instance, the default, or group). Any other
     * value is refused rather than taken for the default: it may have meant the group, and the
     * instance's count would let a caller have N times the limit on N instances. The message names
     * the property, never its value (readiness shows it).
     */
    static LimitScope scope(Optional<String> value) {
        String text = value.map(String::strip).orElse("");
        if (text.isEmpty()) {
            return LimitScope.INSTANCE;
        }
        for (LimitScope scope : LimitScope.values()) {
            if (scope.name().equalsIgnoreCase(text)) {
                return scope;
            }
        }
        throw new LimitsRefusedException(LimitScope.KEY + " must be instance or group.");
    }

    /** The limits, and a line for each property whose value was refused. */
    public record Read(TokenLimits limits, List<String> warnings) {
    }

    private static int number(Function<String, Optional<String>> value, String key, int fallback, int min, int max,
            List<String> warnings) {
        Optional<String> text = value.apply(key).map(String::strip);
        if (text.isEmpty() || text.get().isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(text.get());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notWhole) {
            // the warning below
        }
        warnings.add(key + " must be a whole number from " + min + " to " + max + "; using " + fallback + ".");
        return fallback;
    }
}
