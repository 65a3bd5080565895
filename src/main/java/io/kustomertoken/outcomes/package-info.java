/**
 * What happened to each request of the API, as CDI events: the token path fires what it decided
 * ({@link io.kustomertoken.outcomes.entity.TokenAsked}, {@link
 * io.kustomertoken.outcomes.entity.TokenIssued}, {@link
 * io.kustomertoken.outcomes.entity.RequestRefused}); when the container ends the request, its
 * one {@link io.kustomertoken.outcomes.entity.RequestAnswered} is fired for the audit trail and
 * the meters to observe. Firing knows no observer: no feature imports {@code audit} or {@code
 * metrics}, and this package imports no feature but {@code requests}.
 */
package io.kustomertoken.outcomes;
