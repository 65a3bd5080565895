package io.kustomertoken.bearer.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.bearer.control.ProviderKeysTest.MutableClock;
import io.kustomertoken.bearer.entity.AccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token sent again is not checked again in full while it, the provider's keys and the room
 * last, and never found once one of them has ended: its expiry, any change of the JWKS (a key
 * removed), keys no longer trusted (the provider unreachable), or another token's text.
 */
class VerifiedTokensTest {

    private static final Duration KEPT = ProviderKeys.DEFAULT_KEPT;
    private static final String ISSUER = AccessTokenVerifierTest.ISSUER;

    private final MutableClock clock = new MutableClock();
    private final List<RsaJsonWebKey> published = new ArrayList<>();
    private final AtomicInteger fullChecks = new AtomicInteger();
    private final boolean[] providerDown = {false};
    private ProviderKeys keys;
    private JwtConsumer consumer;

    @BeforeEach
    void provider() throws Exception {
        clock.pass(Duration.between(clock.instant(), Instant.now()));
        published.add(ProviderKeysTest.key("k1"));
        keys = ProviderKeysTest.publishing(published, providerDown, new AtomicInteger(), clock);
        // The full check at the test's clock, counted each time it resolves a key.
        consumer = new JwtConsumerBuilder().setRequireExpirationTime().setAllowedClockSkewInSeconds(60)
                .setExpectedIssuer(ISSUER).setExpectedAudience(AccessTokenVerifierTest.AUDIENCE)
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256")
                .setVerificationKeyResolver((jws, nested) -> {
                    fullChecks.incrementAndGet();
                    return keys.keyFor(jws);
                }).build();
    }

    @Test
    void aTokenSentAgainIsCheckedInFullOnceAndAnotherTokenIsNotTakenForIt() throws Exception {
        VerifiedTokens recent = new VerifiedTokens(100, clock);
        String token = token(5, published.get(0));
        for (int i = 0; i < 5; i++) {
            assertEquals("alice", verified(recent, token).orElseThrow().getName());
        }
        assertEquals(1, fullChecks.get());
        assertEquals(1, recent.size());
        assertTrue(verified(recent, token + "x").isEmpty(), "another text, not a token");
        String[] parts = token.split("\\.");
        assertTrue(verified(recent, parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse()).isEmpty(),
                "the same claims with another signature");
    }

    @Test
    void anEntryEndsAtTheTokensExpiryAndTheFullCheckDecidesThen() throws Exception {
        VerifiedTokens recent = new VerifiedTokens(100, clock);
        String token = token(1, published.get(0));
        verified(recent, token).orElseThrow();
        clock.pass(Duration.ofSeconds(59));
        verified(recent, token).orElseThrow();
        assertEquals(1, fullChecks.get());
        clock.pass(Duration.ofSeconds(1));
        // Expired now; the full check (here at the time the test began, within its skew) is asked again.
        verified(recent, token).orElseThrow();
        assertEquals(2, fullChecks.get());
        assertEquals(Optional.empty(), recent.find(token, keys.keySet()));
    }

    @Test
    void aKeyTheProviderRemovesEndsTheEntriesOfItsTokensAtTheNextFetch() throws Exception {
        VerifiedTokens recent = new VerifiedTokens(100, clock);
        RsaJsonWebKey removed = published.get(0);
        String token = token(30, removed);
        verified(recent, token).orElseThrow();
        published.set(0, ProviderKeysTest.key("k2"));
        // Until the last sixth of the kept time, when one request fetches ahead, the kept keys hold.
        Duration beforeFetchAhead = KEPT.minus(KEPT.dividedBy(6)).minusSeconds(1);
        clock.pass(beforeFetchAhead);
        verified(recent, token).orElseThrow();
        assertEquals(1, fullChecks.get(), "the kept keys still hold");
        clock.pass(KEPT.minus(beforeFetchAhead));
        assertTrue(verified(recent, token).isEmpty(), "a token of a removed key, not expired");
    }

    @Test
    void theSameJwksFetchedAgainKeepsTheEntries() throws Exception {
        VerifiedTokens recent = new VerifiedTokens(100, clock);
        String token = token(30, published.get(0));
        verified(recent, token).orElseThrow();
        Object before = keys.keySet();
        clock.pass(KEPT.multipliedBy(3));
        assertTrue(before == keys.keySet(), "the same JWKS is the same key set");
        verified(recent, token).orElseThrow();
        assertEquals(1, fullChecks.get());
    }

    @Test
    void keysNoLongerTrustedRefuseAKeptTokenToo() throws Exception {
        VerifiedTokens recent = new VerifiedTokens(100, clock);
        String token = token(30, published.get(0));
        verified(recent, token).orElseThrow();
        providerDown[0] = true;
        clock.pass(KEPT);
        assertTrue(verified(recent, token).isEmpty(), "the provider unreachable once its keys are due");
        providerDown[0] = false;
        clock.pass(ProviderKeys.RETRY_AFTER_FAILURE);
        verified(recent, token).orElseThrow();
    }

    @Test
    void whenFullANewTokenIsCheckedInFullEachTimeUntilExpiredOnesMakeRoom() throws Exception {
        VerifiedTokens recent = new VerifiedTokens(2, clock);
        String first = token(1, published.get(0));
        String second = token(1, published.get(0));
        String later = token(30, published.get(0));
        verified(recent, first).orElseThrow();
        verified(recent, second).orElseThrow();
        verified(recent, later).orElseThrow();
        verified(recent, later).orElseThrow();
        assertEquals(4, fullChecks.get());
        assertEquals(2, recent.size());
        clock.pass(Duration.ofSeconds(61));
        verified(recent, later).orElseThrow();
        verified(recent, later).orElseThrow();
        assertEquals(5, fullChecks.get());
        assertEquals(1, recent.size(), "the expired ones were dropped");
    }

    @Test
    void whenFullTheEntriesOfKeysSinceChangedMakeRoomToo() throws Exception {
        VerifiedTokens recent = new VerifiedTokens(1, clock);
        verified(recent, token(30, published.get(0))).orElseThrow();
        published.add(ProviderKeysTest.key("k2"));   // another JWKS: the entry above can no longer serve
        clock.pass(KEPT);
        String next = token(30, published.get(1));
        verified(recent, next).orElseThrow();
        verified(recent, next).orElseThrow();
        assertEquals(2, fullChecks.get(), "the second use of the new token was found");
        assertEquals(1, recent.size());
    }

    @Test
    void noneKeptWhenTheCapacityIsZeroAndNoneWhoseNotBeforeIsToCome() throws Exception {
        VerifiedTokens none = new VerifiedTokens(0, clock);
        String token = token(30, published.get(0));
        verified(none, token).orElseThrow();
        verified(none, token).orElseThrow();
        assertEquals(2, fullChecks.get());
        VerifiedTokens recent = new VerifiedTokens(100, clock);
        String notYet = AccessTokenVerifierTest.signed(claims -> {
            claims.setExpirationTime(NumericDate.fromMilliseconds(clock.millis() + 1_800_000));
            claims.setNotBefore(NumericDate.fromMilliseconds(clock.millis() + 30_000));   // within the skew
        }, published.get(0), "RS256");
        verified(recent, notYet).orElseThrow();
        assertEquals(0, recent.size());
    }

    @Property(tries = 300)
    void aKeptTokenIsFoundAndNoOtherText(@ForAll @CharRange(from = '!', to = '~') @StringLength(min = 1, max = 300) String kept,
            @ForAll @StringLength(max = 300) String other) {
        MutableClock now = new MutableClock();
        VerifiedTokens recent = new VerifiedTokens(10, now);
        Object keySet = new Object();
        long exp = now.instant().getEpochSecond() + 60;
        recent.keep(kept, new AccessToken(Map.of("exp", exp, "sub", "x"), "groups"), keySet);
        assertTrue(recent.find(kept, keySet).isPresent());
        assertEquals(other.equals(kept), recent.find(other, keySet).isPresent());
        assertTrue(recent.find(kept + other + "x", keySet).isEmpty());
        assertTrue(recent.find(kept.substring(1), keySet).isEmpty());
        assertTrue(recent.find(kept, new Object()).isEmpty(), "another key set");
    }

    private Optional<AccessToken> verified(VerifiedTokens recent, String token) {
        return AccessTokenVerifier.verifiedBy(consumer, keys, recent, token, "groups");
    }

    /** A token of the provider, issued at the test clock, expiring {@code minutes} later. */
    private String token(int minutes, RsaJsonWebKey key) throws Exception {
        long issued = clock.instant().getEpochSecond();
        return AccessTokenVerifierTest.signed(claims -> {
            claims.setIssuedAt(NumericDate.fromSeconds(issued));
            claims.setExpirationTime(NumericDate.fromSeconds(issued + minutes * 60L));
            claims.setJwtId(Long.toString(System.nanoTime()));
        }, key, "RS256");
    }
}
