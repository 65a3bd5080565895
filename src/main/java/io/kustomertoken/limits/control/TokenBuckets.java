package io.kustomertoken.limits.control;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One token bucket per key (a caller, a named customer) on this instance. Memory stays bounded however many keys there
 * are: at most {@code maxKeys} buckets are kept, in {@value #STRIPES} stripes each with its own
 * lock, and a stripe that is full forgets the bucket it used least recently. A forgotten bucket
 * that had refilled loses nothing; one that had not lets that key start again with a full bucket
 * (README: Limits). The key that is taking tokens fastest is the last one ever forgotten.
 */
public final class TokenBuckets implements Buckets {

    static final int STRIPES = 16;
    private static final double NANOS_PER_MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final LongSupplier nanoTime;

    public TokenBuckets(int maxKeys, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
        resize(maxKeys);
    }

    /** At most this many buckets from now on (at least one per stripe); a smaller table shrinks as it is used. */
    public void resize(int maxKeys) {
        int perStripe = Math.max(1, maxKeys / STRIPES);
        for (Stripe stripe : stripes) {
            stripe.maxBuckets = perStripe;
        }
    }

    @Override
    public long take(String key, int perMinute) {
        if (perMinute <= 0) {
            return 0;
        }
        Stripe stripe = stripeOf(key);
        long now = nanoTime.getAsLong();
        synchronized (stripe) {
            Bucket bucket = stripe.get(key);
            if (bucket == null) {
                bucket = new Bucket(perMinute, now);
                stripe.put(key, bucket);
                stripe.trim();
            }
            double perNano = perMinute / NANOS_PER_MINUTE;
            bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.updatedNanos) * perNano);
            bucket.updatedNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double nanosToOne = (1 - bucket.tokens) / perNano;
            return Math.max(1, (long) Math.ceil(nanosToOne / TimeUnit.SECONDS.toNanos(1)));
        }
    }

    @Override
    public void giveBack(String key, int perMinute) {
        if (perMinute <= 0) {
            return;
        }
        Stripe stripe = stripeOf(key);
        synchronized (stripe) {
            Bucket bucket = stripe.get(key);
            if (bucket != null) {
                bucket.tokens = Math.min(perMinute, bucket.tokens + 1);
            }
        }
    }

    /** How many buckets are kept now. */
    public int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                size += stripe.size();
            }
        }
        return size;
    }

    private Stripe stripeOf(String key) {
        int hash = key.hashCode();
        return stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(int perMinute, long now) {
            this.tokens = perMinute;
            this.updatedNanos = now;
        }
    }

    // Access order: the eldest entry is the bucket used least recently.
    private static final class Stripe extends LinkedHashMap<String, Bucket> {
        private static final long serialVersionUID = 1L;
        volatile int maxBuckets;

        Stripe() {
            super(64, 0.75f, true);
        }

        // Down to the bound, least recently used first; also after the bound was lowered.
        void trim() {
            Iterator<Map.Entry<String, Bucket>> eldestFirst = entrySet().iterator();
            while (size() > maxBuckets && eldestFirst.hasNext()) {
                eldestFirst.next();
                eldestFirst.remove();
            }
        }
    }
}
