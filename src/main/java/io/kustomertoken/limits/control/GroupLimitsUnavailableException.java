package io.kustomertoken.limits.control;

import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import java.util.Map;

/**
 * 503: the limits count for the group and the data grid did not answer, so no token is signed
 * (counting less would let a caller past its limit); {@code Retry-After} says when to try again.
 */
public class GroupLimitsUnavailableException extends ProblemException {

    static final long RETRY_AFTER_SECONDS = 5;

    GroupLimitsUnavailableException() {
        super(ProblemKind.SIGNING_UNAVAILABLE, "The limits the service's instances share cannot be counted now; retry after "
                + RETRY_AFTER_SECONDS + " s.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
    }
}
