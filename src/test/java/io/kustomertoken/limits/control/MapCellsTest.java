package io.kustomertoken.limits.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The cells WildFly's Infinispan cache holds: a {@link ConcurrentMap} of text, compared with
 * {@code equals} as the grid's conditional replace compares them.
 */
class MapCellsTest {

    private final ConcurrentMap<String, String> grid = new ConcurrentHashMap<>();
    private final MapCells cells = new MapCells(grid);

    @Property
    void everyBucketReadsBackAsWritten(@ForAll long tokensBits, @ForAll long millis) {
        long[] bucket = {tokensBits, millis};
        assertArrayEquals(bucket, MapCells.decode(MapCells.encode(bucket)));
    }

    @Test
    void replacesOnlyWhatItReadEvenAsAnotherArray() {
        assertTrue(cells.putIfAbsent("k", new long[] {1, 2}));
        assertFalse(cells.putIfAbsent("k", new long[] {1, 2}));
        long[] read = cells.get("k");
        assertTrue(cells.replace("k", new long[] {read[0], read[1]}, new long[] {3, 4}));
        assertFalse(cells.replace("k", read, new long[] {5, 6}), "another take wrote meanwhile");
        assertEquals("3:4", grid.get("k"));
        assertNull(cells.get("other"));
    }

    @Test
    void bucketsOnTheMapGiveTheLimitAcrossInstancesAndNoMore() {
        AtomicLong now = new AtomicLong(1_800_000_000_000L);
        GroupBuckets one = new GroupBuckets(cells, now::get);
        GroupBuckets two = new GroupBuckets(new MapCells(grid), now::get);
        int issued = 0;
        for (int i = 0; i < 20; i++) {
            issued += (i % 2 == 0 ? one : two).take("delegate:bff", 6) == 0 ? 1 : 0;
        }
        assertEquals(6, issued);
        now.addAndGet(10_000);
        assertEquals(0, two.take("delegate:bff", 6), "one token refilled after 10 s");
        assertTrue(one.take("delegate:bff", 6) > 0);
    }

    @Test
    void whatTheGridThrowsAndValuesItDidNotWriteAreUnavailable() {
        grid.put("foreign", "not a bucket");
        assertThrows(SharedCells.Unavailable.class, () -> cells.get("foreign"));
        MapCells failing = new MapCells(new ConcurrentHashMap<>() {
            @Override
            public String get(Object key) {
                throw new IllegalStateException("cache stopping");
            }
        });
        assertThrows(SharedCells.Unavailable.class, () -> failing.get("k"));
        GroupBuckets buckets = new GroupBuckets(failing, System::currentTimeMillis);
        assertThrows(GroupLimitsUnavailableException.class, () -> buckets.take("customer:name:alice", 5));
    }
}
