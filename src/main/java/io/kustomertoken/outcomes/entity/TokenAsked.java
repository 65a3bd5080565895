package io.kustomertoken.outcomes.entity;

/**
 * What the caller of the request being served asked for, in the role it acts in; fired again once
 * the identity is resolved, so that a refusal's line says what was asked and a token's line what
 * it carries.
 *
 * @param role the role the caller acts in; {@code null} when it has none of ours
 * @param externalId {@code null} when not asked
 * @param email {@code null} when not asked
 */
public record TokenAsked(String role, String externalId, String email) {
}
