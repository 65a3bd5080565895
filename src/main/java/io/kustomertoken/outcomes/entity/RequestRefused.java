package io.kustomertoken.outcomes.entity;

import java.net.URI;

/**
 * The request being served was answered with a refusal.
 *
 * @param problemType the problem+json {@code type}
 */
public record RequestRefused(int status, URI problemType) {
}
