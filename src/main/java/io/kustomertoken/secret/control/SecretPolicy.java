package io.kustomertoken.secret.control;

import io.kustomertoken.secret.entity.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.jose4j.keys.HmacKey;

/**
 * Which secrets may sign. Kustomer issues the secret, so its length is not ours to choose: a
 * secret under 32 bytes is refused unless the operator says {@code allow-short}.
 */
public final class SecretPolicy {

    public static final String SECRET_KEY = "kustomer.secret";
    public static final String ALLOW_SHORT_KEY = "kustomer.secret.allow-short";
    /** HS256 wants a key at least as long as its hash. */
    public static final int MIN_SECRET_BYTES = 32;

    static final String MISSING = SECRET_KEY + " is not set or is blank. Set it as a system property, the"
            + " environment variable KUSTOMER_SECRET or a Payara password alias (docs/configuration.md).";
    static final String TOO_SHORT = SECRET_KEY + " is shorter than " + MIN_SECRET_BYTES + " bytes, which HS256"
            + " needs. If Kustomer issued it so, set " + ALLOW_SHORT_KEY + "=true to sign with it anyway.";
    static final String UNRESOLVED = SECRET_KEY + " holds an unresolved reference such as ${ALIAS=...}: the"
            + " server did not expand it where it is set. On Payara, reference the password alias from a"
            + " config property (asadmin set-config-property) instead (docs/configuration.md).";
    static final String SHORT_ALLOWED = SECRET_KEY + " is shorter than " + MIN_SECRET_BYTES + " bytes; signing"
            + " anyway because " + ALLOW_SHORT_KEY + "=true.";

    private SecretPolicy() {
    }

    /** The key for HMAC-SHA256 over the secret's UTF-8 bytes, exactly as given (never Base64-decoded). */
    public static SigningKey keyFor(Optional<String> secret, boolean allowShort) {
        return keyFor(secret, allowShort, null);
    }

    /**
     * As {@link #keyFor(Optional, boolean)}, but answers {@code previous} itself when it is the
     * same key: no new copy of the secret, and the signer keeps its initialised MACs.
     */
    public static SigningKey keyFor(Optional<String> secret, boolean allowShort, SigningKey previous) {
        if (secret.isEmpty() || secret.get().isBlank()) {
            throw new SecretRefusedException(MISSING);
        }
        if (looksUnresolved(secret.get())) {
            throw new SecretRefusedException(UNRESOLVED);
        }
        return keyFor(secret.get().getBytes(StandardCharsets.UTF_8), allowShort, previous);
    }

    /** The key over {@code bytes}, a copy of the secret that this wipes whatever the outcome. */
    static SigningKey keyFor(byte[] bytes, boolean allowShort, SigningKey previous) {
        try {
            boolean belowRecommendedLength = bytes.length < MIN_SECRET_BYTES;
            if (belowRecommendedLength && !allowShort) {
                throw new SecretRefusedException(TOO_SHORT);
            }
            if (previous != null && previous.belowRecommendedLength() == belowRecommendedLength
                    && sameBytes(previous, bytes)) {
                return previous;
            }
            // HmacKey keeps its own copy; ours is wiped below.
            return new SigningKey(new HmacKey(bytes), belowRecommendedLength);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    // Constant time: the comparison must not tell anyone timing it how much of a secret matched.
    private static boolean sameBytes(SigningKey key, byte[] bytes) {
        byte[] encoded = key.hmacKey().getEncoded();
        try {
            return MessageDigest.isEqual(encoded, bytes);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    // Signing with the text of a reference would issue tokens Kustomer rejects, silently.
    private static boolean looksUnresolved(String secret) {
        String value = secret.strip();
        return value.startsWith("${") && value.endsWith("}");
    }
}
