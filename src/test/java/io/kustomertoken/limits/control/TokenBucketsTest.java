package io.kustomertoken.limits.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The buckets on a clock the test moves. */
class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(1_000, now::get);

    @Test
    void aFullMinuteOfTokensThenTheSecondsUntilTheNext() {
        for (int i = 0; i < 6; i++) {
            assertEquals(0, buckets.take("alice", 6), "token " + (i + 1));
        }
        assertEquals(10, buckets.take("alice", 6), "6 a minute: one every 10 s");
        assertEquals(0, buckets.take("bob", 6), "another key has its own bucket");
    }

    @Test
    void refillsEvenlyAndNeverAboveAMinutesWorth() {
        for (int i = 0; i < 6; i++) {
            buckets.take("alice", 6);
        }
        advanceSeconds(4);
        assertEquals(6, buckets.take("alice", 6), "0.4 of a token after 4 s: 6 s to go");
        advanceSeconds(6);
        assertEquals(0, buckets.take("alice", 6));
        assertEquals(10, buckets.take("alice", 6));

        advanceSeconds(3600);
        for (int i = 0; i < 6; i++) {
            assertEquals(0, buckets.take("alice", 6), "a full bucket after an hour, no more: token " + (i + 1));
        }
        assertTrue(buckets.take("alice", 6) > 0);
    }

    @Test
    void aLimitOfZeroTakesAndKeepsNothing() {
        for (int i = 0; i < 100; i++) {
            assertEquals(0, buckets.take("key-" + i, 0));
        }
        assertEquals(0, buckets.size());
    }

    @Test
    void aTokenGivenBackCanBeTakenAgain() {
        assertEquals(0, buckets.take("alice", 1));
        assertTrue(buckets.take("alice", 1) > 0);
        buckets.giveBack("alice", 1);
        assertEquals(0, buckets.take("alice", 1));
        buckets.giveBack("alice", 1);
        buckets.giveBack("alice", 1);
        assertEquals(0, buckets.take("alice", 1));
        assertTrue(buckets.take("alice", 1) > 0, "never more than a minute's worth");
    }

    @Test
    void aLowerLimitAppliesToABucketAlreadyFull() {
        assertEquals(0, buckets.take("alice", 1000));
        assertEquals(0, buckets.take("alice", 2));
        assertEquals(0, buckets.take("alice", 2));
        assertTrue(buckets.take("alice", 2) > 0, "at most 2 tokens once the limit is 2");
    }

    @Test
    void memoryStaysBoundedHoweverManyKeysComeAndTheBusiestKeyIsKept() {
        TokenBuckets bounded = new TokenBuckets(1_600, now::get);
        for (int i = 0; i < 3; i++) {
            bounded.take("mallory", 3);
        }
        for (int i = 0; i < 1_000_000; i++) {
            bounded.take("user-" + i, 20);
            if (i % 1_000 == 0) {
                assertTrue(bounded.take("mallory", 3) > 0, "mallory's spent bucket is kept: she keeps using it");
            }
        }
        assertTrue(bounded.size() <= 1_600, "at most the bound: " + bounded.size());
        assertTrue(bounded.size() >= 1_500, "the bound is used, not far less: " + bounded.size());
    }

    @Test
    void aLowerBoundShrinksTheTableAsItIsUsed() {
        TokenBuckets bounded = new TokenBuckets(16_000, now::get);
        for (int i = 0; i < 16_000; i++) {
            bounded.take("user-" + i, 20);
        }
        assertTrue(bounded.size() > 15_000, String.valueOf(bounded.size()));
        bounded.resize(160);
        for (int i = 0; i < 2_000; i++) {
            bounded.take("new-" + i, 20);
        }
        assertTrue(bounded.size() <= 160, String.valueOf(bounded.size()));
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }
}
