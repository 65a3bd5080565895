package io.kustomertoken.outcomes.entity;

import java.net.URI;
import java.time.Instant;

/**
 * How one request of the API was answered, fired once when the container ends it.
 *
 * @param time when the answer was decided
 * @param problemType {@code null} when a token was issued
 * @param caller the authenticated principal's name; {@code null} when none
 * @param role the role the caller acted in; {@code null} when the answer came before one applied
 * @param externalId the claim the token carries or was asked for; {@code null} when none
 * @param email the claim the token carries or was asked for; {@code null} when none
 */
public record RequestAnswered(Instant time, int status, URI problemType, String caller, String role,
        String externalId, String email, String remoteAddress) {

    public boolean issued() {
        return status >= 200 && status < 300;
    }
}
