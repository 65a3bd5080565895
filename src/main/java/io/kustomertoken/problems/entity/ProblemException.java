package io.kustomertoken.problems.entity;

import java.util.Map;

/**
 * A refusal this service explains to the caller. The message is the problem's {@code detail}
 * and goes into the response body, so it is written for the caller and never holds a secret,
 * a token or text from a library.
 */
public class ProblemException extends RuntimeException {

    /** The detail of every 503 for a setting that is wrong: the log names it, the caller is told no more. */
    public static final String MISCONFIGURED = "The service is not configured correctly; its log says how to fix it.";

    private final ProblemKind kind;

    public ProblemException(ProblemKind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    /** 503 signing-unavailable for a setting that is wrong, with {@link #MISCONFIGURED} as its detail. */
    public static ProblemException misconfigured() {
        return new ProblemException(ProblemKind.SIGNING_UNAVAILABLE, MISCONFIGURED);
    }

    public ProblemKind kind() {
        return kind;
    }

    /** Headers the answer carries beside the problem document (e.g. {@code Retry-After}). */
    public Map<String, String> headers() {
        return Map.of();
    }
}
