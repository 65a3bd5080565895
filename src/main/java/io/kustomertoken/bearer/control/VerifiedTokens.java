package io.kustomertoken.bearer.control;

import io.kustomertoken.bearer.entity.AccessToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Access tokens that passed every check moments ago, so that an app sending the same token again
 * (each page load, each chat opened while its sign-in lasts) is not parsed and its signature
 * checked again: that check is most of a bearer request's cost (docs/performance.md). Only what
 * {@link AccessTokenVerifier} verified comes in, and an entry serves only while all of this holds:
 * <ul>
 * <li>the token has not expired: an entry ends at its {@code exp}, without the clock skew the full
 * check allows, after which the full check decides;</li>
 * <li>the provider's keys are still the ones it was verified with ({@link ProviderKeys#keySet()}):
 * any change of the JWKS, such as a removed key, or keys no longer trusted because the provider
 * cannot be read, ends every entry at once;</li>
 * <li>there is room: at most {@code capacity} entries; when full, the ones that can no longer serve
 * (expired, or of keys since changed) are dropped, at most once a second, and a new token that
 * finds no room is simply checked in full each time.</li>
 * </ul>
 * Kept by the SHA-256 of the token, compared in constant time: the token itself, a credential, is
 * not kept, and a caller learns nothing from timing about the tokens kept.
 */
public final class VerifiedTokens {

    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    private final int capacity;
    private final Clock clock;
    private final ConcurrentHashMap<TokenDigest, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong();

    private record Entry(AccessToken token, long expiresAtSecond, Object keySet) {
    }

    /** @param capacity how many tokens at most; 0 keeps none */
    public VerifiedTokens(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The token verified earlier against {@code keySet}, the provider's keys now, if it has not expired. */
    public Optional<AccessToken> find(String token, Object keySet) {
        if (capacity == 0 || entries.isEmpty()) {
            return Optional.empty();
        }
        TokenDigest digest = TokenDigest.of(token);
        Entry entry = digest == null ? null : entries.get(digest);
        if (entry == null || entry.keySet() != keySet || entry.expiresAtSecond() <= clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(entry.token());
    }

    /**
     * Keeps a token {@link AccessTokenVerifier} has just verified against {@code keySet}, taken
     * before the check: keys fetched meanwhile make it a different set, so the entry ends early.
     * A token with no {@code exp}, or an {@code nbf} still to come, is not kept.
     */
    public void keep(String token, AccessToken verified, Object keySet) {
        if (capacity == 0 || !(verified.getClaim("exp") instanceof Number exp)) {
            return;
        }
        long now = clock.instant().getEpochSecond();
        if (exp.longValue() <= now || verified.getClaim("nbf") instanceof Number nbf && nbf.longValue() > now) {
            return;
        }
        TokenDigest digest = TokenDigest.of(token);
        if (digest == null || entries.size() >= capacity && !sweptRoom(now, keySet)) {
            return;
        }
        entries.put(digest, new Entry(verified, exp.longValue(), keySet));
    }

    /** How many tokens are kept now. */
    public int size() {
        return entries.size();
    }

    /** Drops, at most once a second, the entries that can no longer serve: expired, or of other keys. */
    private boolean sweptRoom(long now, Object keySet) {
        long due = nextSweep.get();
        Instant at = clock.instant();
        if (at.toEpochMilli() >= due && nextSweep.compareAndSet(due, at.plus(SWEEP_INTERVAL).toEpochMilli())) {
            entries.values().removeIf(entry -> entry.expiresAtSecond() <= now || entry.keySet() != keySet);
        }
        return entries.size() < capacity;
    }

    /** A token's SHA-256: equal in constant time, hashed by its first bytes (uniform already). */
    private record TokenDigest(byte[] bytes) {

        private static final MessageDigest SHA_256 = sha256();

        /** Null for a text that is not printable ASCII, as no access token is (RFC 6750's b64token). */
        static TokenDigest of(String token) {
            for (int i = 0; i < token.length(); i++) {
                if (token.charAt(i) < 0x21 || token.charAt(i) > 0x7e) {
                    return null;
                }
            }
            byte[] text = token.getBytes(StandardCharsets.US_ASCII);
            try {
                return new TokenDigest(((MessageDigest) SHA_256.clone()).digest(text));
            } catch (CloneNotSupportedException notCloneable) {
                return new TokenDigest(sha256().digest(text));
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException required) {
                throw new IllegalStateException("every Java platform has SHA-256", required);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenDigest digest && MessageDigest.isEqual(bytes, digest.bytes);
        }

        @Override
        public int hashCode() {
            return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | bytes[3] & 0xff;
        }
    }
}
