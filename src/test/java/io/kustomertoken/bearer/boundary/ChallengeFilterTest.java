package io.kustomertoken.bearer.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChallengeFilterTest {

    @Test
    void aCallerWithoutABearerTokenIsToldToSendOne() {
        assertEquals("Bearer", ChallengeFilter.challengeFor(null));
        assertEquals("Bearer", ChallengeFilter.challengeFor("Basic YWxpY2U6eA=="));
        assertEquals("Bearer", ChallengeFilter.challengeFor("Bearer"));
        assertEquals("Bearer", ChallengeFilter.challengeFor("Bearer   "));
    }

    @Test
    void aCallerWhoseTokenWasRefusedIsToldItIsInvalid() {
        assertEquals("Bearer error=\"invalid_token\"", ChallengeFilter.challengeFor("Bearer a.b.c"));
        assertEquals("Bearer error=\"invalid_token\"", ChallengeFilter.challengeFor("bearer a.b.c"));
    }
}
