package io.kustomertoken.tokens.control;

import io.kustomertoken.identity.control.IdentityChecked;
import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.secret.control.SigningSecret;
import io.kustomertoken.secret.entity.SigningKey;
import io.kustomertoken.tokens.entity.IssuedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.jose4j.json.internal.json_simple.JSONValue;

/**
 * The only place that signs. It writes exactly what Kustomer documents: header
 * {@code {"alg":"HS256","typ":"JWT"}}, the identity claims and {@code iat}; nothing else.
 * <p>
 * The compact serialisation is assembled here rather than by jose4j's {@code JsonWebSignature},
 * which rebuilds the header, allocates an 8 KiB Base64 buffer per part and a new {@code Mac}
 * per token: the header is a constant, the claims' strings are escaped by jose4j's own JSON
 * writer, and the MAC is computed by jose4j's HS256 algorithm ({@link Hs256Macs}). The output is
 * byte-for-byte what {@code JwtClaims} and {@code JsonWebSignature} produce (TokenSignerTest).
 */
@ApplicationScoped
public class TokenSigner {

    /** Kustomer refuses a token whose {@code iat} is older than this. */
    public static final Duration KUSTOMER_ACCEPTS_FOR = Duration.ofMinutes(15);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** {@code {"alg":"HS256","typ":"JWT"}}, Base64url-encoded, and the dot that follows it. */
    private static final byte[] HEADER_AND_DOT = (BASE64URL.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + ".")
            .getBytes(StandardCharsets.US_ASCII);

    @Inject
    SigningSecret secret;

    Clock clock = Clock.systemUTC();

    // The initialised MACs for the key in use; replaced when the key is (a rotated secret).
    private volatile Hs256Macs macs;

    @IdentityChecked
    public IssuedToken sign(Identity identity) {
        return sign(identity, secret.key());
    }

    IssuedToken sign(Identity identity, SigningKey key) {
        // Whole seconds, rounded down, so that iat is never in the future.
        Instant issuedAt = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        byte[] payload = BASE64URL.encode(claims(identity, issuedAt).getBytes(StandardCharsets.UTF_8));

        byte[] signingInput = new byte[HEADER_AND_DOT.length + payload.length];
        System.arraycopy(HEADER_AND_DOT, 0, signingInput, 0, HEADER_AND_DOT.length);
        System.arraycopy(payload, 0, signingInput, HEADER_AND_DOT.length, payload.length);
        byte[] signature = BASE64URL.encode(macsFor(key).sign(signingInput));

        byte[] token = Arrays.copyOf(signingInput, signingInput.length + 1 + signature.length);
        token[signingInput.length] = '.';
        System.arraycopy(signature, 0, token, signingInput.length + 1, signature.length);
        return new IssuedToken(new String(token, StandardCharsets.US_ASCII), identity, issuedAt,
                issuedAt.plus(KUSTOMER_ACCEPTS_FOR));
    }

    // The claims as jose4j's JwtClaims.toJson() writes them, without its map: jose4j's own string
    // escaping, the same order (externalId, email, iat). TokenSignerTest holds the two equal.
    private static String claims(Identity identity, Instant issuedAt) {
        StringBuilder json = new StringBuilder(64);
        char separator = '{';
        if (identity.externalId() != null) {
            json.append(separator).append("\"externalId\":\"").append(JSONValue.escape(identity.externalId())).append('"');
            separator = ',';
        }
        if (identity.email() != null) {
            json.append(separator).append("\"email\":\"").append(JSONValue.escape(identity.email())).append('"');
            separator = ',';
        }
        return json.append(separator).append("\"iat\":").append(issuedAt.getEpochSecond()).append('}').toString();
    }

    private Hs256Macs macsFor(SigningKey key) {
        Hs256Macs current = macs;
        if (current == null || !current.isFor(key)) {
            // Two threads may both build one after a rotation: harmless, the last one stays.
            current = new Hs256Macs(key);
            macs = current;
        }
        return current;
    }
}
