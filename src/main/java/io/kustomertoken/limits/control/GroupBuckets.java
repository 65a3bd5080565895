package io.kustomertoken.limits.control;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Token buckets that every instance of a group shares, in {@link SharedCells}. A bucket is two
 * numbers: its tokens (a double's bits) and when they were counted (epoch milliseconds; the
 * instances' clocks must agree to within what the limits may be off by). A take reads the
 * bucket, refills it for the time passed and writes it back only if no other take wrote it
 * meanwhile, else tries again: two round trips to the grid per limit, and a conflict only when
 * one key is asked for at once on several instances (a busy delegate).
 */
final class GroupBuckets implements Buckets {

    /** A take that conflicts this often answers "retry after 1 s" rather than keep the request waiting. */
    static final int ATTEMPTS = 32;
    private static final double MILLIS_PER_MINUTE = TimeUnit.MINUTES.toMillis(1);

    private final SharedCells cells;
    private final LongSupplier millis;

    GroupBuckets(SharedCells cells, LongSupplier millis) {
        this.cells = cells;
        this.millis = millis;
    }

    @Override
    public long take(String key, int perMinute) {
        if (perMinute <= 0) {
            return 0;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long[] counted = cells.get(key);
            long now = now(counted);
            double tokens = refilled(counted, perMinute, now);
            if (tokens < 1) {
                double millisToOne = (1 - tokens) * MILLIS_PER_MINUTE / perMinute;
                return Math.max(1, (long) Math.ceil(millisToOne / 1000));
            }
            if (store(key, counted, tokens - 1, now)) {
                return 0;
            }
        }
        return 1;
    }

    @Override
    public void giveBack(String key, int perMinute) {
        if (perMinute <= 0) {
            return;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long[] counted = cells.get(key);
            long now = now(counted);
            if (counted == null || store(key, counted, Math.min(perMinute, refilled(counted, perMinute, now) + 1), now)) {
                return;
            }
        }
    }

    // Never before the bucket's own time: a clock behind another instance's must not refill twice.
    private long now(long[] counted) {
        long now = millis.getAsLong();
        return counted == null ? now : Math.max(now, counted[1]);
    }

    private static double refilled(long[] counted, int perMinute, long now) {
        if (counted == null) {
            return perMinute;
        }
        double tokens = Double.longBitsToDouble(counted[0]) + (now - counted[1]) * perMinute / MILLIS_PER_MINUTE;
        return Math.min(perMinute, tokens);
    }

    private boolean store(String key, long[] counted, double tokens, long now) {
        long[] next = {Double.doubleToLongBits(tokens), now};
        return counted == null ? cells.putIfAbsent(key, next) : cells.replace(key, counted, next);
    }
}
