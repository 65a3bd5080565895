package io.kustomertoken.problems.entity;

import java.util.Map;

/**
 * A refusal this service explains to the caller. The message is the problem's {@code detail}
 * and goes into the response body, so it is written for the caller and never holds a secret,
 * a token or text from a library.
 */
public class ProblemException extends RuntimeException {

    private final ProblemKind kind;

    public ProblemException(ProblemKind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    public ProblemKind kind() {
        return kind;
    }

    /** Headers the answer carries beside the problem document (e.g. {@code Retry-After}). */
    public Map<String, String> headers() {
        return Map.of();
    }
}
