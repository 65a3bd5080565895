package io.kustomertoken.limits.control;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Token buckets that every instance of a group shares, in {@link SharedCells}. A bucket is two
 * numbers: its tokens (a double's bits) and when they were counted (epoch milliseconds; the
 * instances' clocks must agree to within what the limits may be off by). A take reads the
 * bucket, refills it for the time passed and writes it back only if no other take wrote it
 * meanwhile, else tries again: two round trips to the grid, and a conflict only when one key is
 * asked for at once on several instances (a busy delegate). On one instance the takes of a key
 * queue ({@link TakeQueues}) and are settled together: one compare-and-set for all of a key's
 * waiting takes (each still one token), so a hot key costs a round trip per batch, not per
 * request, and only instances conflict. A take that still conflicts
 * {@value #ATTEMPTS} times is refused with 429 and {@code Retry-After: 1}, saying so (the caller's
 * limit is not what refused it).
 *
 * <p>When the grid does not answer, a take fails closed: 503 with {@code Retry-After}
 * ({@link GroupLimitsUnavailableException}), never a token uncounted. One WARNING when that
 * begins, one INFO when the grid answers again; a give-back that fails is dropped (its request
 * is refused anyway, and the bucket refills within the minute).
 */
final class GroupBuckets implements Buckets {

    /** A take that conflicts this often answers "retry after 1 s" rather than keep the request waiting. */
    static final int ATTEMPTS = 32;
    static final String CONTENDED = "Too many of your requests arrived at the same moment; retry after 1 s.";
    private static final int STRIPES = 64;
    private static final long BACK_OFF_NANOS = 100_000;
    private static final double MILLIS_PER_MINUTE = TimeUnit.MINUTES.toMillis(1);
    private static final Logger LOG = Logger.getLogger(GroupBuckets.class.getName());

    private final SharedCells cells;
    private final LongSupplier millis;
    private final AtomicBoolean gridFailing = new AtomicBoolean();
    private final TakeQueues queues = new TakeQueues(STRIPES, this::settle);

    GroupBuckets(SharedCells cells, LongSupplier millis) {
        this.cells = cells;
        this.millis = millis;
    }

    @Override
    public long take(String key, int perMinute) {
        return perMinute <= 0 ? 0 : queues.take(key, perMinute);
    }

    // The first `granted` takes get a token, the others the wait for the next one.
    private void settle(List<TakeQueues.Take> takes) {
        TakeQueues.Take first = takes.get(0);
        try {
            Granted granted = takeFromGrid(first.key, first.perMinute, takes.size());
            for (int i = 0; i < takes.size(); i++) {
                takes.get(i).wait = i < granted.tokens() ? 0 : granted.secondsToNext();
            }
            if (gridFailing.compareAndSet(true, false)) {
                LOG.info("The data grid answers again: the limits count for the group.");
            }
        } catch (SharedCells.Unavailable unavailable) {
            failed(unavailable);
            takes.forEach(take -> take.refused = new GroupLimitsUnavailableException());
        } catch (LimitExceededException contended) {
            takes.forEach(take -> take.refused = new LimitExceededException(CONTENDED, 1));
        }
    }

    /** Tokens taken from one bucket for a batch (at most as many as wanted), and the seconds to the next one. */
    private record Granted(int tokens, long secondsToNext) {
    }

    private Granted takeFromGrid(String key, int perMinute, int wanted) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long[] counted = cells.get(key);
            long now = now(counted);
            double tokens = refilled(counted, perMinute, now);
            int granted = (int) Math.min(wanted, Math.floor(tokens));
            if (granted == 0) {
                return new Granted(0, secondsToOne(tokens, perMinute));
            }
            if (store(key, counted, tokens - granted, now)) {
                return new Granted(granted, secondsToOne(tokens - granted, perMinute));
            }
            backOff(attempt);
        }
        throw new LimitExceededException(CONTENDED, 1);
    }

    private static long secondsToOne(double tokens, int perMinute) {
        double millisToOne = (1 - tokens) * MILLIS_PER_MINUTE / perMinute;
        return Math.max(1, (long) Math.ceil(millisToOne / 1000));
    }

    @Override
    public void giveBack(String key, int perMinute) {
        if (perMinute <= 0) {
            return;
        }
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                long[] counted = cells.get(key);
                long now = now(counted);
                if (counted == null || store(key, counted, Math.min(perMinute, refilled(counted, perMinute, now) + 1), now)) {
                    return;
                }
            }
        } catch (SharedCells.Unavailable unavailable) {
            failed(unavailable);
        }
    }

    // The grid's own log tells what happened; this says what it means for token requests.
    private void failed(SharedCells.Unavailable unavailable) {
        if (gridFailing.compareAndSet(false, true)) {
            LOG.warning(() -> "The data grid did not answer (" + unavailable.getMessage() + "): token requests get 503"
                    + " with Retry-After until it does, as kustomer.limit.scope=group cannot be counted.");
        }
    }

    // A random pause, longer after each conflict: instances that read and wrote in step would
    // otherwise conflict again in step, one of them every time.
    private static void backOff(int attempt) {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, BACK_OFF_NANOS * (attempt + 1)));
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
