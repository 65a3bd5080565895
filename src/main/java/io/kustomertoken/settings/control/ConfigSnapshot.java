package io.kustomertoken.settings.control;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * A value made from MicroProfile Config, made again at most once per
 * {@value #REREAD_KEY} milliseconds. On Payara a secret behind a password alias is decrypted on
 * every read (about 35 ms of CPU with a config cache of 0): reading it per request capped the
 * service at tens of tokens per second. Failures are kept like values and thrown to each caller.
 */
public final class ConfigSnapshot<T> {

    public static final String REREAD_KEY = "kustomer.config.reread-ms";
    public static final long DEFAULT_REREAD_MS = 1000;
    /** A longer interval is taken as this: a rotated secret must sign within the hour. */
    public static final long MAX_REREAD_MS = 3_600_000;

    private static final Logger LOG = Logger.getLogger(ConfigSnapshot.class.getName());

    private final Supplier<T> read;
    private final LongSupplier rereadMillis;
    private final LongSupplier nanoTime;
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile Taken<T> taken;

    /** {@code read} is called again at most once per the interval that {@code config} sets. */
    public ConfigSnapshot(Config config, Supplier<T> read) {
        this(read, () -> rereadMillis(config), System::nanoTime);
    }

    ConfigSnapshot(Supplier<T> read, LongSupplier rereadMillis, LongSupplier nanoTime) {
        this.read = read;
        this.rereadMillis = rereadMillis;
        this.nanoTime = nanoTime;
    }

    /** The value of the latest read; throws what that read threw. */
    public T get() {
        Taken<T> current = taken;
        if (current == null || current.isStaleAt(nanoTime.getAsLong())) {
            current = readAgain(current);
        }
        return current.value();
    }

    private Taken<T> readAgain(Taken<T> previous) {
        // Another request is reading: the previous value serves until it is done.
        if (previous != null && !reading.compareAndSet(false, true)) {
            return previous;
        }
        try {
            long startedAt = nanoTime.getAsLong();
            long interval = Math.min(Math.max(rereadMillis.getAsLong(), 0), MAX_REREAD_MS);
            long validUntil = startedAt + TimeUnit.MILLISECONDS.toNanos(interval);
            Taken<T> fresh;
            try {
                fresh = new Taken<>(read.get(), null, validUntil);
            } catch (RuntimeException refused) {
                fresh = new Taken<>(null, refused, validUntil);
            }
            taken = fresh;
            return fresh;
        } finally {
            if (previous != null) {
                reading.set(false);
            }
        }
    }

    static long rereadMillis(Config config) {
        try {
            long millis = config.getOptionalValue(REREAD_KEY, Long.class).orElse(DEFAULT_REREAD_MS);
            if (millis >= 0) {
                return millis;
            }
        } catch (IllegalArgumentException unparsable) {
            // falls through to the warning
        }
        LOG.warning(REREAD_KEY + " must be a whole number of milliseconds, 0 or more; using "
                + DEFAULT_REREAD_MS + ".");
        return DEFAULT_REREAD_MS;
    }

    private record Taken<T>(T taken, RuntimeException refused, long validUntilNanos) {

        boolean isStaleAt(long nanos) {
            return nanos - validUntilNanos >= 0;
        }

        T value() {
            if (refused != null) {
                throw refused;
            }
            return taken;
        }
    }
}
