package io.kustomertoken.outcomes.entity;

import java.time.Duration;

/**
 * A token was signed for the request being served.
 *
 * @param externalId the claim it carries; {@code null} when none
 * @param email the claim it carries; {@code null} when none
 * @param signing how long signing took
 */
public record TokenIssued(String externalId, String email, Duration signing) {
}
