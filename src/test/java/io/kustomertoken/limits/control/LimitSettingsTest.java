package io.kustomertoken.limits.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.limits.entity.LimitScope;
import io.kustomertoken.limits.entity.TokenLimits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LimitSettingsTest {

    @Test
    void nothingSetGivesTheDefaultsAndNoWarning() {
        LimitSettings.Read read = LimitSettings.read(key -> Optional.empty());
        assertEquals(TokenLimits.DEFAULTS, read.limits());
        assertEquals(List.of(), read.warnings());
    }

    @Test
    void valuesSetAreTakenAndZeroMeansNoLimit() {
        Map<String, String> set = Map.of(TokenLimits.CUSTOMER_KEY, " 0 ", TokenLimits.DELEGATE_KEY, "120",
                TokenLimits.IDENTITY_KEY, "3", TokenLimits.TRACKED_KEY, "5000");
        LimitSettings.Read read = LimitSettings.read(key -> Optional.ofNullable(set.get(key)));
        assertEquals(new TokenLimits(0, 120, 3, 5000), read.limits());
        assertEquals(List.of(), read.warnings());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "twenty", "1.5", "2147483648", "1e3"})
    void aBadValueKeepsItsDefaultAndNamesTheProperty(String bad) {
        LimitSettings.Read read = LimitSettings.read(key -> Optional.ofNullable(
                TokenLimits.CUSTOMER_KEY.equals(key) ? bad : null));
        assertEquals(TokenLimits.DEFAULTS, read.limits());
        assertEquals(1, read.warnings().size());
        assertTrue(read.warnings().get(0).startsWith(TokenLimits.CUSTOMER_KEY + " must be a whole number"),
                read.warnings().get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "15", "10000001"})
    void theTrackedKeysStayWithinTheirBounds(String bad) {
        LimitSettings.Read read = LimitSettings.read(key -> Optional.ofNullable(
                TokenLimits.TRACKED_KEY.equals(key) ? bad : null));
        assertEquals(TokenLimits.DEFAULTS.trackedKeys(), read.limits().trackedKeys());
        assertEquals(1, read.warnings().size());
    }

    @Test
    void theScopeIsTheInstanceUnlessTheGroupIsAskedFor() {
        assertEquals(LimitScope.INSTANCE, LimitSettings.scope(Optional.empty()));
        assertEquals(LimitScope.INSTANCE, LimitSettings.scope(Optional.of("  ")));
        assertEquals(LimitScope.INSTANCE, LimitSettings.scope(Optional.of("instance")));
        assertEquals(LimitScope.GROUP, LimitSettings.scope(Optional.of(" Group ")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"grop", "cluster", "instances", "group\u0000", "gr\u00f6up", "secret-looking-value"})
    void anotherScopeIsRefusedNamingThePropertyNotItsValue(String bad) {
        LimitsRefusedException refused = assertThrows(LimitsRefusedException.class, () -> LimitSettings.scope(Optional.of(bad)));
        assertEquals(LimitScope.KEY + " must be instance or group.", refused.getMessage());
    }
}
