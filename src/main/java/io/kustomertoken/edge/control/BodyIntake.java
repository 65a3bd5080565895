package io.kustomertoken.edge.control;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of one request body read without blocking, apart from the servlet API that feeds it.
 * Exactly one of three ends the wait: the API runs (a dispatch, first due, then done), the
 * service refuses the body (late or too large; the rest is then read and thrown away), or the
 * wait ends (the caller left, or a refused body is over). Read callbacks, the late-body timer and
 * the container's async events run on different threads: each move happens at most once, and
 * only the thread whose move succeeded acts on it.
 */
public final class BodyIntake {

    /** What the reader does after a chunk. */
    public enum Next {
        /** Read on. */
        MORE,
        /** The body is whole by its declared length: dispatch now. */
        WHOLE,
        /** The body reached the limit: refuse it. */
        TOO_LARGE,
        /** A refused body: the chunk was thrown away; read on until it ends. */
        DISCARDED
    }

    private static final int COLLECTING = 0;
    private static final int DISPATCH_DUE = 1;
    private static final int REFUSED = 2;
    private static final int ENDED = 3;

    private final AtomicInteger state = new AtomicInteger(COLLECTING);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);
    private final int limit;
    private final long declaredLength;
    private final boolean endsByLength;

    /**
     * @param limit bytes kept at most: a body that reaches it is too large
     * @param declaredLength the {@code Content-Length}, or -1
     * @param endsByLength whether the body is whole at its declared length rather than at the
     *     stream's end (a request that asks for an Upgrade, whose stream Grizzly never ends)
     */
    public BodyIntake(int limit, long declaredLength, boolean endsByLength) {
        this.limit = limit;
        this.declaredLength = declaredLength;
        this.endsByLength = endsByLength;
    }

    /** Whether the stream is still to be read: not once a dispatch is due or the wait is over. */
    public boolean reading() {
        int current = state.get();
        return current == COLLECTING || current == REFUSED;
    }

    /** Takes the first {@code read} bytes of {@code chunk}. */
    public Next take(byte[] chunk, int read) {
        if (state.get() == REFUSED) {
            return Next.DISCARDED;
        }
        body.write(chunk, 0, Math.min(read, limit - body.size()));
        if (body.size() >= limit) {
            return Next.TOO_LARGE;
        }
        return endsByLength && body.size() == declaredLength ? Next.WHOLE : Next.MORE;
    }

    /** The body read so far. */
    public byte[] body() {
        return body.toByteArray();
    }

    /** Collecting to dispatch due: true for the one caller that made the move. */
    public boolean dispatchDue() {
        return state.compareAndSet(COLLECTING, DISPATCH_DUE);
    }

    /** Dispatch due to over: true for the one caller that may now dispatch. */
    public boolean dispatching() {
        return state.compareAndSet(DISPATCH_DUE, ENDED);
    }

    /** Collecting to refused: true for the one caller that may now answer. */
    public boolean refusing() {
        return state.compareAndSet(COLLECTING, REFUSED);
    }

    /** Collecting or refused to over: true for the one caller that may now complete the exchange. */
    public boolean ending() {
        int current = state.get();
        return (current == COLLECTING || current == REFUSED) && state.compareAndSet(current, ENDED);
    }
}
