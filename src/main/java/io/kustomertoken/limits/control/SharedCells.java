package io.kustomertoken.limits.control;

/**
 * Values by key that every instance of a group sees, changed only by compare-and-set: what
 * {@link GroupBuckets} needs of the data grid. A value is a {@code long[]}, a JDK type, so that
 * every member of the grid can hold it, the DAS too, which does not run this WAR. Equal contents
 * are equal values.
 */
interface SharedCells {

    /** The value, or null. */
    long[] get(String key);

    /** Sets the value if the key has none; true if it was set. */
    boolean putIfAbsent(String key, long[] value);

    /** Sets the value if the key's value is still {@code expected}; true if it was set. */
    boolean replace(String key, long[] expected, long[] value);

    /** The grid did not answer (a member lost, the grid shutting down): nothing is known of the value. */
    final class Unavailable extends RuntimeException {
        Unavailable(Throwable cause) {
            super(cause.getClass().getName(), cause);
        }
    }
}
