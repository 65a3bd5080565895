package io.kustomertoken.problems.entity;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of error this service answers with. The {@link #type()} URI is part of the HTTP
 * contract: clients branch on it, so a kind is never renamed, only added.
 */
public enum ProblemKind {
    // The first kind of a status is the generic one (genericFor): for 400, bad-request.
    BAD_REQUEST(400, "bad-request", "The request is not valid"),
    MALFORMED_JSON(400, "malformed-json", "The request body is not well-formed JSON"),
    UNAUTHORIZED(401, "unauthorized", "Authentication is required"),
    FORBIDDEN(403, "forbidden", "The caller may not use this resource"),
    IDENTITY_NOT_PERMITTED(403, "identity-not-permitted", "The caller may not get a token for this identity"),
    CALLER_IDENTITY_UNUSABLE(403, "caller-identity-unusable", "The caller's name cannot be used as a Kustomer identity"),
    CROSS_ORIGIN_REFUSED(403, "cross-origin-refused", "A browser may not make this request from this origin"),
    CROSS_SITE_REQUEST_REFUSED(403, "cross-site-request-refused",
            "A request the browser signed in by itself must be a JSON request of the service's own origin"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "The method is not allowed on this resource"),
    NOT_ACCEPTABLE(406, "not-acceptable", "The resource cannot answer in an accepted media type"),
    REQUEST_TIMEOUT(408, "request-timeout", "The request body did not arrive in time"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body must be application/json"),
    INVALID_REQUEST(422, "invalid-request", "The request body does not have the expected fields"),
    INVALID_IDENTITY(422, "invalid-identity", "The identity is not one Kustomer accepts"),
    MISSING_IDENTITY(422, "missing-identity", "The request names no identity"),
    TOO_MANY_TOKENS(429, "too-many-tokens", "The caller has had too many tokens for now"),
    INTERNAL_ERROR(500, "internal-error", "The service failed unexpectedly"),
    SIGNING_UNAVAILABLE(503, "signing-unavailable", "The service cannot sign tokens now");

    /** What every {@link #type()} starts with; the rest is the kind's slug. */
    public static final String TYPE_PREFIX = "urn:kustomer-token-service:problem:";

    private final int status;
    private final URI type;
    private final String title;

    ProblemKind(int status, String slug, String title) {
        this.status = status;
        this.type = URI.create(TYPE_PREFIX + slug);
        this.title = title;
    }

    public int status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The generic kind for a status that the container or JAX-RS produced on its own. */
    public static Optional<ProblemKind> genericFor(int status) {
        return Arrays.stream(values())
                .filter(kind -> kind.status == status)
                .findFirst();
    }
}
