package io.kustomertoken.limits.control;

import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import java.util.Map;

/** 429: a limit is spent for now; {@code Retry-After} says when the next token will be there. */
public class LimitExceededException extends ProblemException {

    private final long retryAfterSeconds;

    public LimitExceededException(String detail, long retryAfterSeconds) {
        super(ProblemKind.TOO_MANY_TOKENS, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
