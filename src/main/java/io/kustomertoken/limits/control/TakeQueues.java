package io.kustomertoken.limits.control;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Requests' takes of the group's buckets, queued per stripe of keys (flat combining). A request
 * queues its take and tries the stripe's lock: whoever gets it settles every take queued by then,
 * those of one bucket together, wakes their requests, and wakes the next queued one to lead the
 * next batch; the others sleep until woken. So on one instance a key's takes never race each
 * other in the grid, and while one round trip is under way the next requests gather for one batch
 * instead of waiting in single file (each would otherwise take the lock in turn only to learn that
 * its take was settled).
 */
final class TakeQueues {

    /** One request's take; its outcome is set by whichever request settled it, under the stripe's lock. */
    static final class Take {
        final String key;
        final int perMinute;
        final Thread thread = Thread.currentThread();
        long wait = -1;
        RuntimeException refused;
        volatile boolean settled;   // written after wait and refused

        Take(String key, int perMinute) {
            this.key = key;
            this.perMinute = perMinute;
        }
    }

    private record Stripe(ReentrantLock lock, ConcurrentLinkedQueue<Take> queued) {
    }

    // A request sleeps at most this long between looks at its take, should a wake-up be missed.
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Stripe[] stripes;
    private final Consumer<List<Take>> settleOneBucket;

    /** {@code settleOneBucket} sets the outcome of every take it is given, all of one key and limit. */
    TakeQueues(int stripes, Consumer<List<Take>> settleOneBucket) {
        this.stripes = new Stripe[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new Stripe(new ReentrantLock(), new ConcurrentLinkedQueue<>());
        }
        this.settleOneBucket = settleOneBucket;
    }

    /** The seconds to wait for a token (0: taken), or what refused the take, thrown. */
    long take(String key, int perMinute) {
        Stripe stripe = stripes[Math.floorMod(key.hashCode(), stripes.length)];
        Take mine = new Take(key, perMinute);
        stripe.queued().add(mine);
        while (!mine.settled) {
            if (stripe.lock().tryLock()) {
                try {
                    settleQueued(stripe);
                } finally {
                    stripe.lock().unlock();
                }
                Take next = stripe.queued().peek();
                if (next != null) {
                    LockSupport.unpark(next.thread);
                }
            } else {
                LockSupport.parkNanos(this, MAX_SLEEP_NANOS);
            }
        }
        if (mine.refused != null) {
            throw mine.refused;
        }
        if (mine.wait < 0) {
            // Settled with no outcome (a bug in the settling): never a token uncounted.
            throw new IllegalStateException("A take of the group's limits was not settled.");
        }
        return mine.wait;
    }

    // Under the stripe's lock: every take queued so far, a bucket at a time, in order of arrival.
    private void settleQueued(Stripe stripe) {
        List<Take> queued = new ArrayList<>();
        for (Take take = stripe.queued().poll(); take != null; take = stripe.queued().poll()) {
            queued.add(take);
        }
        while (!queued.isEmpty()) {
            Take first = queued.get(0);
            List<Take> sameBucket = new ArrayList<>();
            for (Iterator<Take> it = queued.iterator(); it.hasNext(); ) {
                Take take = it.next();
                if (take.key.equals(first.key) && take.perMinute == first.perMinute) {
                    sameBucket.add(take);
                    it.remove();
                }
            }
            try {
                settleOneBucket.accept(sameBucket);
            } catch (RuntimeException | Error failed) {
                // Every take drained here is settled, whatever happens: its request is asleep.
                RuntimeException refused = failed instanceof RuntimeException r ? r : new IllegalStateException(failed);
                sameBucket.forEach(take -> take.refused = refused);
            } finally {
                for (Take take : sameBucket) {
                    take.settled = true;
                    if (take.thread != Thread.currentThread()) {
                        LockSupport.unpark(take.thread);
                    }
                }
            }
        }
    }
}
