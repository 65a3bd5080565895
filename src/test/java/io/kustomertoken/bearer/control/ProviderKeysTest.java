package io.kustomertoken.bearer.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.UnresolvableKeyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's keys are fetched once per {@link ProviderKeys#KEPT}, a key added is found within
 * that time, a key removed refused within it, and a made-up key id fetches at most once per
 * {@link ProviderKeys#FORCED_FETCH_INTERVAL}.
 */
class ProviderKeysTest {

    private static final Duration KEPT = ProviderKeys.DEFAULT_KEPT;
    /** The last sixth of the kept time, in which one request fetches ahead. */
    private static final Duration AHEAD = KEPT.dividedBy(6);

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger fetches = new AtomicInteger();
    private final List<RsaJsonWebKey> published = new ArrayList<>();
    private ProviderKeys keys;

    @BeforeEach
    void provider() throws Exception {
        published.add(key("first"));
        keys = publishing(published, new boolean[] {false}, fetches, clock);
    }

    @Test
    void fetchesOncePerKeptTimeAndOneRequestFetchesAheadOfIt() throws Exception {
        for (int i = 0; i < 100; i++) {
            keys.keyFor(signedBy(published.get(0)));
        }
        assertEquals(1, fetches.get());
        clock.pass(KEPT.minus(AHEAD).minusSeconds(1));
        keys.keyFor(signedBy(published.get(0)));
        assertEquals(1, fetches.get());
        clock.pass(Duration.ofSeconds(1));
        for (int i = 0; i < 100; i++) {
            keys.keyFor(signedBy(published.get(0)));
        }
        assertEquals(2, fetches.get(), "one request fetched ahead; the kept time starts again from it");
        clock.pass(KEPT.minus(AHEAD).minusSeconds(1));
        keys.keyFor(signedBy(published.get(0)));
        assertEquals(2, fetches.get());
    }

    @Test
    void whileOneRequestFetchesAheadTheOthersGoOnWithTheKeptKeys() throws Exception {
        CountDownLatch fetchStarted = new CountDownLatch(1);
        CountDownLatch providerAnswers = new CountDownLatch(1);
        ProviderKeys slow = new ProviderKeys("test JWKS", () -> {
            if (fetches.incrementAndGet() > 1) {
                fetchStarted.countDown();
                await(providerAnswers);
            }
            return new JsonWebKeySet(new ArrayList<>(published)).toJson();
        }, KEPT, clock);
        JsonWebSignature token = signedBy(published.get(0));
        slow.keyFor(token);
        clock.pass(KEPT.minusSeconds(1));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Key> fetching = pool.submit(() -> slow.keyFor(token));
            assertTrue(fetchStarted.await(5, TimeUnit.SECONDS));
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> slow.keyFor(token),
                    "a request while another fetches ahead does not wait for it");
            providerAnswers.countDown();
            fetching.get(5, TimeUnit.SECONDS);
        } finally {
            providerAnswers.countDown();
            pool.shutdownNow();
        }
        assertEquals(2, fetches.get());
    }

    @Test
    void aFailedFetchAheadLeavesTheKeptKeysUntilTheirTime() throws Exception {
        boolean[] down = {false};
        ProviderKeys flaky = downWhile(down, fetches);
        JsonWebSignature token = signedBy(published.get(0));
        flaky.keyFor(token);
        down[0] = true;
        clock.pass(KEPT.minus(AHEAD));
        flaky.keyFor(token);
        assertEquals(2, fetches.get(), "tried ahead");
        clock.pass(AHEAD.minusSeconds(1));
        flaky.keyFor(token);
        assertEquals(3, fetches.get(), "tried again after the retry time, still served from the kept keys");
        clock.pass(Duration.ofSeconds(1));
        assertThrows(UnresolvableKeyException.class, () -> flaky.keyFor(token));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aKeyAddedIsFoundAtOnceAndAMadeUpOneFetchesAtMostOncePerForcedFetchInterval() throws Exception {
        keys.keyFor(signedBy(published.get(0)));
        RsaJsonWebKey added = key("added");
        published.add(added);
        keys.keyFor(signedBy(added));
        assertEquals(2, fetches.get(), "an unknown key id fetches again");
        RsaJsonWebKey madeUp = key("made-up");
        for (int i = 0; i < 20; i++) {
            assertThrows(UnresolvableKeyException.class, () -> keys.keyFor(signedBy(madeUp)));
        }
        assertEquals(2, fetches.get(), "the forced fetch was spent on the added key");
        clock.pass(ProviderKeys.FORCED_FETCH_INTERVAL.minusSeconds(1));
        assertThrows(UnresolvableKeyException.class, () -> keys.keyFor(signedBy(madeUp)));
        assertEquals(2, fetches.get());
        clock.pass(Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) {
            assertThrows(UnresolvableKeyException.class, () -> keys.keyFor(signedBy(madeUp)));
        }
        assertEquals(3, fetches.get(), "one forced fetch per interval");
        keys.keyFor(signedBy(added));
        assertEquals(3, fetches.get(), "known keys cost no fetch");
        clock.pass(KEPT);
        assertThrows(UnresolvableKeyException.class, () -> keys.keyFor(signedBy(madeUp)));
        assertEquals(5, fetches.get(), "the kept set expired (one fetch), then one forced fetch for the unknown id");
    }

    @Test
    void aKeyRemovedIsRefusedOnceTheKeptTimeHasPassed() throws Exception {
        RsaJsonWebKey removed = published.get(0);
        keys.keyFor(signedBy(removed));
        published.clear();
        published.add(key("next"));
        keys.keyFor(signedBy(removed));
        clock.pass(KEPT);
        assertThrows(UnresolvableKeyException.class, () -> keys.keyFor(signedBy(removed)));
    }

    @Test
    void aShorterKeptTimeRefusesARemovedKeySooner() throws Exception {
        Duration shortKept = Duration.ofSeconds(15);
        ProviderKeys soon = new ProviderKeys("test JWKS", () -> {
            fetches.incrementAndGet();
            return new JsonWebKeySet(new ArrayList<>(published)).toJson();
        }, shortKept, clock);
        RsaJsonWebKey removed = published.get(0);
        soon.keyFor(signedBy(removed));
        published.clear();
        published.add(key("next"));
        clock.pass(shortKept.minus(shortKept.dividedBy(6)).minusMillis(1));
        soon.keyFor(signedBy(removed));
        assertEquals(1, fetches.get(), "still within the kept time, before its last sixth");
        clock.pass(shortKept.dividedBy(6));
        assertThrows(UnresolvableKeyException.class, () -> soon.keyFor(signedBy(removed)));
    }

    @Test
    void aProviderThatCannotBeReadGivesNoKey() throws Exception {
        ProviderKeys broken = new ProviderKeys("test JWKS", () -> "not a JWKS", KEPT, clock);
        assertThrows(UnresolvableKeyException.class, () -> broken.keyFor(signedBy(published.get(0))));
    }

    @Test
    void anOutageIsTriedAgainAtMostOncePerRetryTimeAndEndsWhenTheProviderAnswers() throws Exception {
        keys.keyFor(signedBy(published.get(0)));
        AtomicInteger tries = new AtomicInteger();
        boolean[] down = {true};
        ProviderKeys outage = downWhile(down, tries);
        for (int i = 0; i < 50; i++) {
            assertThrows(UnresolvableKeyException.class, () -> outage.keyFor(signedBy(published.get(0))));
        }
        assertEquals(1, tries.get(), "one try, then no other until the retry time has passed");
        clock.pass(ProviderKeys.RETRY_AFTER_FAILURE.minusSeconds(1));
        assertThrows(UnresolvableKeyException.class, () -> outage.keyFor(signedBy(published.get(0))));
        assertEquals(1, tries.get());
        clock.pass(Duration.ofSeconds(1));
        down[0] = false;
        outage.keyFor(signedBy(published.get(0)));
        assertEquals(2, tries.get());
        outage.keyFor(signedBy(published.get(0)));
        assertEquals(2, tries.get(), "kept again once read");
    }

    @Test
    void keysKeptAreNotTrustedBeyondTheirTimeWhenTheProviderIsDown() throws Exception {
        boolean[] down = {false};
        ProviderKeys flaky = downWhile(down, new AtomicInteger());
        flaky.keyFor(signedBy(published.get(0)));
        down[0] = true;
        clock.pass(KEPT);
        assertThrows(UnresolvableKeyException.class, () -> flaky.keyFor(signedBy(published.get(0))));
    }

    private ProviderKeys downWhile(boolean[] down, AtomicInteger tries) {
        return publishing(published, down, tries, clock);
    }

    /**
     * The keys in {@code published} as the provider's JWKS, kept the default time by {@code clock},
     * from a provider that refuses the connection while {@code down[0]}; each try counted.
     */
    static ProviderKeys publishing(List<RsaJsonWebKey> published, boolean[] down, AtomicInteger tries, Clock clock) {
        return new ProviderKeys("test JWKS", () -> {
            tries.incrementAndGet();
            if (down[0]) {
                throw new IllegalStateException("connection refused");
            }
            return new JsonWebKeySet(new ArrayList<>(published)).toJson();
        }, KEPT, clock);
    }

    static RsaJsonWebKey key(String id) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(id);
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        return key;
    }

    static JsonWebSignature signedBy(RsaJsonWebKey key) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("alice");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return (JsonWebSignature) JsonWebSignature.fromCompactSerialization(jws.getCompactSerialization());
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T12:00:00Z");

        void pass(Duration time) {
            now = now.plus(time);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
