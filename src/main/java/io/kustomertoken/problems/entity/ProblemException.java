package io.kustomertoken.problems.entity;

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
}
