package io.kustomertoken.settings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ConfigSnapshotTest {

    private static final long INTERVAL_MS = 1000;

    private final AtomicLong nanos = new AtomicLong(123_456_789L);
    private final AtomicInteger reads = new AtomicInteger();

    private ConfigSnapshot<Integer> counting(long intervalMs) {
        return new ConfigSnapshot<>(reads::incrementAndGet, () -> intervalMs, nanos::get);
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void readsOnFirstUse() {
        assertEquals(1, counting(INTERVAL_MS).get());
        assertEquals(1, reads.get());
    }

    @Test
    void keepsTheValueForTheWholeInterval() {
        ConfigSnapshot<Integer> snapshot = counting(INTERVAL_MS);
        snapshot.get();
        advanceMillis(INTERVAL_MS - 1);
        assertEquals(1, snapshot.get());
        assertEquals(1, reads.get());
    }

    @Test
    void readsAgainOnceTheIntervalIsOver() {
        ConfigSnapshot<Integer> snapshot = counting(INTERVAL_MS);
        snapshot.get();
        advanceMillis(INTERVAL_MS);
        assertEquals(2, snapshot.get());
        advanceMillis(INTERVAL_MS / 2);
        assertEquals(2, snapshot.get());
    }

    @Test
    void readsOnEveryCallWhenTheIntervalIsZero() {
        ConfigSnapshot<Integer> snapshot = counting(0);
        assertEquals(1, snapshot.get());
        assertEquals(2, snapshot.get());
        assertEquals(3, snapshot.get());
    }

    @Test
    void readsAgainWithinTheHourHoweverLongTheIntervalIsSet() {
        ConfigSnapshot<Integer> snapshot = counting(Long.MAX_VALUE);
        snapshot.get();
        advanceMillis(ConfigSnapshot.MAX_REREAD_MS - 1);
        assertEquals(1, snapshot.get());
        advanceMillis(1);
        assertEquals(2, snapshot.get());
    }

    @Test
    void keepsAFailureLikeAValueSoItIsReportedOncePerRead() {
        IllegalStateException refused = new IllegalStateException("bad setting");
        Supplier<Integer> failing = () -> {
            reads.incrementAndGet();
            throw refused;
        };
        ConfigSnapshot<Integer> snapshot = new ConfigSnapshot<>(failing, () -> INTERVAL_MS, nanos::get);
        assertSame(refused, assertThrows(IllegalStateException.class, snapshot::get));
        assertSame(refused, assertThrows(IllegalStateException.class, snapshot::get));
        assertEquals(1, reads.get());
    }

    @Test
    void recoversWhenTheSettingIsFixed() {
        AtomicInteger calls = new AtomicInteger();
        Supplier<Integer> failingOnce = () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("bad setting");
            }
            return 42;
        };
        ConfigSnapshot<Integer> snapshot = new ConfigSnapshot<>(failingOnce, () -> INTERVAL_MS, nanos::get);
        assertThrows(IllegalStateException.class, snapshot::get);
        advanceMillis(INTERVAL_MS);
        assertEquals(42, snapshot.get());
    }

    @Test
    void anotherCallerKeepsThePreviousValueWhileOneReads() throws Exception {
        CountDownLatch readStarted = new CountDownLatch(1);
        CountDownLatch finishRead = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Supplier<Integer> slowSecondRead = () -> {
            int call = calls.incrementAndGet();
            if (call == 2) {
                readStarted.countDown();
                await(finishRead);
            }
            return call;
        };
        ConfigSnapshot<Integer> snapshot = new ConfigSnapshot<>(slowSecondRead, () -> INTERVAL_MS, nanos::get);
        assertEquals(1, snapshot.get());
        advanceMillis(INTERVAL_MS);

        AtomicInteger seenByReader = new AtomicInteger();
        Thread reader = new Thread(() -> seenByReader.set(snapshot.get()));
        reader.start();
        assertEquals(true, readStarted.await(5, TimeUnit.SECONDS));

        assertEquals(1, snapshot.get(), "does not wait for the read in progress");
        finishRead.countDown();
        reader.join(5000);
        assertEquals(2, seenByReader.get(), "the reader signs with what it read");
        assertEquals(2, snapshot.get());
        assertEquals(2, calls.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
