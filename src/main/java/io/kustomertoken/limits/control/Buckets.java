package io.kustomertoken.limits.control;

/** Token buckets by key, each holding at most a minute's worth of tokens and refilled evenly over the minute. */
public interface Buckets {

    /**
     * Takes a token from {@code key}'s bucket of {@code perMinute} tokens a minute: 0 when taken,
     * otherwise the whole seconds until one will be there (at least 1). {@code perMinute} of 0 or
     * less means no limit: nothing is taken or kept. Where the buckets are shared, a bucket that
     * cannot be counted now is refused with a {@link io.kustomertoken.problems.entity.ProblemException}
     * (429 when it is contended, 503 when the grid does not answer), never taken uncounted.
     */
    long take(String key, int perMinute);

    /** Puts back a token {@link #take} took, when the request was refused by a later limit. */
    void giveBack(String key, int perMinute);
}
