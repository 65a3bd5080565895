package io.kustomertoken.edge.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The body's time: whole seconds from 1 to 120; anything else is no value (the default applies). */
class BodyTimeoutTest {

    @Property
    void everyWholeSecondInRangeIsTaken(@ForAll @IntRange(min = 1, max = 120) int seconds) {
        assertEquals(Optional.of(Duration.ofSeconds(seconds)), BodyTimeout.valid(Optional.of(" " + seconds + " ")));
    }

    @Property
    void wholeSecondsOutOfRangeAreNot(@ForAll @IntRange(min = 121, max = 100_000) int seconds) {
        assertEquals(Optional.empty(), BodyTimeout.valid(Optional.of(String.valueOf(seconds))));
    }

    @Property
    void textThatIsNoWholeNumberIsNot(@ForAll String text) {
        if (!text.strip().matches("0*([1-9]|[1-9][0-9]|1[01][0-9]|120)")) {
            assertEquals(Optional.empty(), BodyTimeout.valid(Optional.of(text)));
        }
    }

    @Test
    void zeroNegativeFractionsAndUnitsAreNot() {
        for (String value : new String[] {"0", "-5", "2.5", "10s", "1e1", "", "0x10", "١٠"}) {
            assertEquals(Optional.empty(), BodyTimeout.valid(Optional.of(value)), value);
        }
        assertEquals(Optional.empty(), BodyTimeout.valid(Optional.empty()));
    }
}
