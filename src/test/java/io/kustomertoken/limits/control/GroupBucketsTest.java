package io.kustomertoken.limits.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The group's buckets on cells that compare-and-set like the data grid (equal contents are equal
 * values), shared by several "instances" (GroupBuckets of their own), on clocks the test moves.
 */
class GroupBucketsTest {

    /** Cells in one map, as the grid holds them for every instance; counts the writes asked and the conflicts answered. */
    static final class GridCells implements SharedCells {
        private final Map<String, long[]> values = new HashMap<>();
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger conflicts = new AtomicInteger();

        @Override
        public synchronized long[] get(String key) {
            long[] value = values.get(key);
            return value == null ? null : value.clone();
        }

        @Override
        public synchronized boolean putIfAbsent(String key, long[] value) {
            writes.incrementAndGet();
            return values.putIfAbsent(key, value.clone()) == null || conflict();
        }

        @Override
        public synchronized boolean replace(String key, long[] expected, long[] value) {
            writes.incrementAndGet();
            if (!Arrays.equals(values.get(key), expected)) {
                return conflict();
            }
            values.put(key, value.clone());
            return true;
        }

        private boolean conflict() {
            conflicts.incrementAndGet();
            return false;
        }
    }

    private final GridCells grid = new GridCells();
    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final GroupBuckets one = new GroupBuckets(grid, now::get);
    private final GroupBuckets two = new GroupBuckets(grid, now::get);

    @Test
    void twoInstancesShareOneMinuteOfTokens() {
        for (int i = 0; i < 6; i++) {
            assertEquals(0, (i % 2 == 0 ? one : two).take("alice", 6), "token " + (i + 1));
        }
        assertEquals(10, one.take("alice", 6), "6 a minute for the group: one every 10 s");
        assertEquals(10, two.take("alice", 6));
        assertEquals(0, two.take("bob", 6), "another key has its own bucket");
    }

    @Test
    void refillsEvenlyAndNeverAboveAMinutesWorth() {
        for (int i = 0; i < 6; i++) {
            one.take("alice", 6);
        }
        now.addAndGet(4_000);
        assertEquals(6, two.take("alice", 6), "0.4 of a token after 4 s: 6 s to go");
        now.addAndGet(6_000);
        assertEquals(0, two.take("alice", 6));
        assertEquals(10, one.take("alice", 6));
        now.addAndGet(3_600_000);
        for (int i = 0; i < 6; i++) {
            assertEquals(0, one.take("alice", 6), "a full bucket after an hour, no more: token " + (i + 1));
        }
        assertTrue(two.take("alice", 6) > 0);
    }

    @Test
    void aClockBehindTheBucketsNeverRefillsIt() {
        for (int i = 0; i < 6; i++) {
            one.take("alice", 6);
        }
        AtomicLong behind = new AtomicLong(now.get() - 30_000);
        GroupBuckets late = new GroupBuckets(grid, behind::get);
        assertEquals(10, late.take("alice", 6), "30 s behind: no token, and no time counted twice");
        behind.addAndGet(30_000);
        assertEquals(10, late.take("alice", 6), "its clock caught up: still none, as on the others");
    }

    @Test
    void aLimitOfZeroTakesAndKeepsNothing() {
        for (int i = 0; i < 100; i++) {
            assertEquals(0, one.take("key-" + i, 0));
        }
        assertEquals(null, grid.get("key-0"));
    }

    @Test
    void aTokenGivenBackCanBeTakenAgainOnTheOtherInstance() {
        assertEquals(0, one.take("alice", 1));
        assertTrue(two.take("alice", 1) > 0);
        one.giveBack("alice", 1);
        assertEquals(0, two.take("alice", 1));
        two.giveBack("alice", 1);
        one.giveBack("alice", 1);
        assertEquals(0, one.take("alice", 1));
        assertTrue(two.take("alice", 1) > 0, "never more than a minute's worth");
    }

    @Test
    void aGridThatDoesNotAnswerRefusesWith503UntilItAnswersAgainAndCountsNothingMeanwhile() {
        boolean[] down = {false};
        SharedCells flaky = gridAfter(() -> {
            if (down[0]) {
                throw new SharedCells.Unavailable(new IllegalStateException("member lost"));
            }
        });
        GroupBuckets buckets = new GroupBuckets(flaky, now::get);
        assertEquals(0, buckets.take("alice", 3));
        down[0] = true;
        for (int i = 0; i < 5; i++) {
            GroupLimitsUnavailableException refused = assertThrows(GroupLimitsUnavailableException.class,
                    () -> buckets.take("alice", 3));
            assertEquals(503, refused.kind().status());
            assertEquals(Map.of("Retry-After", "5"), refused.headers());
        }
        buckets.giveBack("alice", 3);   // dropped, not thrown: its request is refused anyway
        down[0] = false;
        assertEquals(0, buckets.take("alice", 3));
        assertEquals(0, two.take("alice", 3), "the refused takes spent nothing");
        assertTrue(buckets.take("alice", 3) > 0);
    }

    @Test
    void cellsThatAlwaysConflictRefuseAfterTheLastAttempt() {
        SharedCells never = new SharedCells() {
            @Override
            public long[] get(String key) {
                return null;
            }

            @Override
            public boolean putIfAbsent(String key, long[] value) {
                return false;
            }

            @Override
            public boolean replace(String key, long[] expected, long[] value) {
                return false;
            }
        };
        LimitExceededException refused = assertThrows(LimitExceededException.class,
                () -> new GroupBuckets(never, now::get).take("alice", 6), "never a token");
        assertEquals(1, refused.retryAfterSeconds());
        assertEquals(GroupBuckets.CONTENDED, refused.getMessage(), "not the caller's limit: the conflicts refused it");
    }

    /**
     * A hot key: 16 request threads on 2 instances, a grid that takes a moment to answer. Were the
     * threads of an instance to race each other as well, a take would lose to 15 others and run
     * out of attempts; as it is, each instance's takes of the key queue, and only the 2 instances conflict.
     */
    @Test
    void takesOfAHotKeyQueueOnTheirInstanceSoOnlyInstancesConflict() throws Exception {
        SharedCells slow = gridAfter(() -> LockSupport.parkNanos(200_000));
        List<GroupBuckets> instances = List.of(new GroupBuckets(slow, now::get), new GroupBuckets(slow, now::get));
        Takes takes = takeAtOnce(instances, 16, 40, "customer:hot", 1_000_000);
        assertEquals(0, takes.refused(), "takes refused for conflicts alone");
        assertEquals(16 * 40, takes.taken(), "every other take got its token at once");
    }

    /**
     * While a round trip is under way an instance's next takes of the key gather and are settled
     * with one compare-and-set: far fewer writes than takes, and still exactly the bucket's tokens.
     */
    @Test
    void queuedTakesOfAKeyAreSettledTogetherAndGetExactlyTheBucket() throws Exception {
        SharedCells slow = gridAfter(() -> LockSupport.parkNanos(200_000));
        List<GroupBuckets> instances = List.of(new GroupBuckets(slow, now::get), new GroupBuckets(slow, now::get));
        Takes plenty = takeAtOnce(instances, 16, 40, "delegate:bff", 1_000_000);
        assertEquals(16 * 40, plenty.taken());
        assertTrue(grid.writes.get() < 16 * 40 / 2, grid.writes.get() + " writes for " + 16 * 40 + " takes");
        Takes few = takeAtOnce(instances, 16, 40, "delegate:other", 100);
        assertEquals(100, few.taken(), "the clock stood still: the bucket's 100 tokens, no more, no fewer");
        assertEquals(0, few.refused());
    }

    @Test
    void aBatchThatFailsUnexpectedlyGivesNoToken() {
        IllegalStateException bug = new IllegalStateException("bug");
        TakeQueues throwing = new TakeQueues(4, takes -> {
            throw bug;
        });
        assertEquals(bug, assertThrows(IllegalStateException.class, () -> throwing.take("alice", 5)));
        TakeQueues silent = new TakeQueues(4, takes -> { });
        assertThrows(IllegalStateException.class, () -> silent.take("alice", 5), "no outcome set: no token");
    }

    /** Many threads on several instances at once, on one key: never more tokens than the bucket holds. */
    @Test
    void concurrentTakesOnSeveralInstancesNeverExceedTheBucket() throws Exception {
        List<GroupBuckets> instances = List.of(one, two, new GroupBuckets(grid, now::get));
        Takes takes = takeAtOnce(instances, 12, 200, "delegate:bff", 500);
        assertTrue(takes.taken() <= 500, takes.taken() + " tokens from a bucket of 500 (the clock stood still)");
        assertTrue(takes.taken() >= 450, "conflicts cost at most a few tokens: " + takes.taken() + " of 500, "
                + grid.conflicts.get() + " conflicts, " + takes.refused() + " takes refused for them");
    }

    /** The shared grid's cells, each operation after {@code before} (a pause, or a failure). */
    private SharedCells gridAfter(Runnable before) {
        return new SharedCells() {
            @Override
            public long[] get(String key) {
                before.run();
                return grid.get(key);
            }

            @Override
            public boolean putIfAbsent(String key, long[] value) {
                before.run();
                return grid.putIfAbsent(key, value);
            }

            @Override
            public boolean replace(String key, long[] expected, long[] value) {
                before.run();
                return grid.replace(key, expected, value);
            }
        };
    }

    /** Tokens taken at once (a wait of 0), and takes refused for conflicts. */
    private record Takes(int taken, int refused) {
    }

    /** {@code threads} request threads spread over {@code instances}, each taking {@code takesEach} times at once. */
    private static Takes takeAtOnce(List<GroupBuckets> instances, int threads, int takesEach, String key, int perMinute)
            throws Exception {
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Callable<Void>> work = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            GroupBuckets instance = instances.get(thread % instances.size());
            work.add(() -> {
                for (int i = 0; i < takesEach; i++) {
                    try {
                        if (instance.take(key, perMinute) == 0) {
                            taken.incrementAndGet();
                        }
                    } catch (LimitExceededException conflictedEveryTime) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Takes(taken.get(), refused.get());
    }
}
