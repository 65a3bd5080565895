package io.kustomertoken.limits.control;

import java.util.concurrent.ConcurrentMap;

/**
 * {@link SharedCells} in a data grid's cache that is a {@link ConcurrentMap}: WildFly's Infinispan
 * caches are, so no Infinispan class is needed. A value is kept as the text {@code "a:b"} of its two
 * numbers, a JDK type every member can hold without this WAR's classes; the grid's conditional
 * replace compares values with {@code equals}, which a {@code long[]} would fail. Whatever the grid
 * throws (a member lost, a time-out, the cache stopping) is {@link SharedCells.Unavailable}.
 */
final class MapCells implements SharedCells {

    private final ConcurrentMap<String, String> map;

    MapCells(ConcurrentMap<String, String> map) {
        this.map = map;
    }

    @Override
    public long[] get(String key) {
        try {
            return decode(map.get(key));
        } catch (RuntimeException failed) {
            throw new Unavailable(failed);
        }
    }

    @Override
    public boolean putIfAbsent(String key, long[] value) {
        try {
            return map.putIfAbsent(key, encode(value)) == null;
        } catch (RuntimeException failed) {
            throw new Unavailable(failed);
        }
    }

    @Override
    public boolean replace(String key, long[] expected, long[] value) {
        try {
            return map.replace(key, encode(expected), encode(value));
        } catch (RuntimeException failed) {
            throw new Unavailable(failed);
        }
    }

    static String encode(long[] value) {
        return value[0] + ":" + value[1];
    }

    // A value this class did not write fails the take (503), never counts as a full bucket.
    static long[] decode(String text) {
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        return new long[] {Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1))};
    }
}
