package io.kustomertoken.bearer.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

class NotBeforeFilterTest {

    private static final long NOW = 1_800_000_000L;

    @Test
    void aTokenWithoutNotBeforeIsValid() {
        assertFalse(NotBeforeFilter.notYetValid(null, NOW, 0));
    }

    @Test
    void notBeforeInThePastOrNowIsValid() {
        assertFalse(NotBeforeFilter.notYetValid(NOW - 1, NOW, 0));
        assertFalse(NotBeforeFilter.notYetValid(NOW, NOW, 0));
    }

    @Test
    void notBeforeInTheFutureIsNotValidYet() {
        assertTrue(NotBeforeFilter.notYetValid(NOW + 1, NOW, 0));
        assertTrue(NotBeforeFilter.notYetValid(Json.createValue(NOW + 1800), NOW, 0));
    }

    @Test
    void theClockSkewIsAllowedAndANegativeSkewIsNone() {
        assertFalse(NotBeforeFilter.notYetValid(NOW + 30, NOW, 30));
        assertTrue(NotBeforeFilter.notYetValid(NOW + 31, NOW, 30));
        assertTrue(NotBeforeFilter.notYetValid(NOW + 1, NOW, -100));
    }

    @Test
    void aNotBeforeThatIsNoNumberIsNotValid() {
        assertTrue(NotBeforeFilter.notYetValid("tomorrow", NOW, 0));
        assertTrue(NotBeforeFilter.notYetValid(Json.createValue("1"), NOW, 0));
    }
}
