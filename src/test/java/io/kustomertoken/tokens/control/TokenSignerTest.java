package io.kustomertoken.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.secret.control.SecretPolicy;
import io.kustomertoken.secret.control.SigningSecret;
import io.kustomertoken.secret.entity.SigningKey;
import io.kustomertoken.tokens.entity.IssuedToken;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenSignerTest {

    private static final String SECRET = "kustomer-unit-test-secret-32byte";
    private static final String OTHER_SECRET = "another-unit-test-secret-32bytes";
    private static final long NOW_SECONDS = 1_700_000_000L;
    // Just before the next second: rounding up would put iat in the future.
    private static final Instant NOW = Instant.ofEpochSecond(NOW_SECONDS, 999_000_000);

    private final TokenSigner signer = new TokenSigner();

    @BeforeEach
    void fixTheClock() {
        signer.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    }

    static Stream<Arguments> payloads() {
        return Stream.of(
                Arguments.of(Identity.ofExternalId("alice"), "{\"externalId\":\"alice\",\"iat\":1700000000}"),
                Arguments.of(Identity.ofEmail("a@b.co"), "{\"email\":\"a@b.co\",\"iat\":1700000000}"),
                Arguments.of(new Identity("alice", "a@b.co"),
                        "{\"externalId\":\"alice\",\"email\":\"a@b.co\",\"iat\":1700000000}"));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void signsExactlyTheIdentityClaimsAndIat(Identity identity, String expectedPayload) {
        String token = signer.sign(identity, key(SECRET)).token();
        assertEquals(expectedPayload, decodedPart(token, 1));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void writesExactlyTheHeaderKustomerExpects(Identity identity, String ignoredPayload) {
        String token = signer.sign(identity, key(SECRET)).token();
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", decodedPart(token, 0));
    }

    @Test
    void signsTokenThatAStrictHs256ConsumerVerifies() throws Exception {
        String token = signer.sign(new Identity("alice", "a@b.co"), key(SECRET)).token();

        JwtClaims claims = verified(token, SECRET);

        assertEquals("alice", claims.getStringClaimValue(Identity.EXTERNAL_ID));
        assertEquals("a@b.co", claims.getStringClaimValue(Identity.EMAIL));
        assertEquals(NOW_SECONDS, claims.getIssuedAt().getValue());
    }

    @Test
    void signsWithTheKeyTheSigningSecretHoldsNow() throws Exception {
        signer.secret = new SigningSecret() {
            @Override
            public SigningKey key() {
                return TokenSignerTest.key(SECRET);
            }
        };
        String token = signer.sign(Identity.ofExternalId("alice")).token();
        assertEquals("alice", verified(token, SECRET).getStringClaimValue(Identity.EXTERNAL_ID));
    }

    @Test
    void signsTokenThatAnotherSecretDoesNotVerify() {
        String token = signer.sign(Identity.ofExternalId("alice"), key(SECRET)).token();
        assertThrows(InvalidJwtException.class, () -> verified(token, OTHER_SECRET));
    }

    @Test
    void signsWithHmacSha256OverHeaderDotPayloadUsingTheSecretsUtf8Bytes() throws Exception {
        String token = signer.sign(Identity.ofEmail("a@b.co"), key(SECRET)).token();
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);

        // Computed independently of jose4j, as in RFC 7515 appendix A.1.
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = hmac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));

        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected), parts[2]);
    }

    @Test
    void issuesAtTheWholeSecondRoundedDownNeverInTheFuture() {
        IssuedToken issued = signer.sign(Identity.ofExternalId("alice"), key(SECRET));

        assertEquals(Instant.ofEpochSecond(NOW_SECONDS), issued.issuedAt());
        assertFalse(issued.issuedAt().isAfter(NOW));
        assertTrue(decodedPart(issued.token(), 1).contains("\"iat\":1700000000}"));
    }

    @Test
    void expiresFifteenMinutesAfterIssue() {
        IssuedToken issued = signer.sign(Identity.ofExternalId("alice"), key(SECRET));
        assertEquals(Duration.ofMinutes(15), Duration.between(issued.issuedAt(), issued.expiresAt()));
        assertEquals(Instant.ofEpochSecond(NOW_SECONDS + 15 * 60), issued.expiresAt());
    }

    @Test
    void reportsTheIdentityItSigned() {
        Identity identity = new Identity("alice", "a@b.co");
        assertEquals(identity, signer.sign(identity, key(SECRET)).identity());
    }

    @Test
    void signsWithShortKeyTheOperatorAllowed() throws Exception {
        String shortSecret = "kustomer-short";
        SigningKey shortKey = SecretPolicy.keyFor(Optional.of(shortSecret), true);

        String token = signer.sign(Identity.ofExternalId("alice"), shortKey).token();

        assertEquals("alice", verified(token, shortSecret).getStringClaimValue(Identity.EXTERNAL_ID));
    }

    @Test
    void wrapsJose4jRefusalOfShortKeyNobodyAllowed() {
        // Only SecretPolicy decides that a short key is allowed; a key that does not say so is refused.
        SigningKey unflagged = new SigningKey(new HmacKey("kustomer-short".getBytes(StandardCharsets.UTF_8)), false);
        TokenSigningException failure = assertThrows(TokenSigningException.class,
                () -> signer.sign(Identity.ofExternalId("alice"), unflagged));
        assertFalse(failure.getMessage().contains("kustomer-short"), failure.getMessage());
    }

    @Test
    void keepsTheTokenOutOfToString() {
        IssuedToken issued = signer.sign(Identity.ofExternalId("alice"), key(SECRET));
        String token = issued.token();
        String shown = issued.toString();

        assertFalse(shown.contains(token), shown);
        for (String part : token.split("\\.")) {
            assertFalse(shown.contains(part), shown);
        }
        assertFalse(shown.contains("eyJ"), shown);
    }

    static Stream<Identity> awkwardIdentities() {
        Stream<Identity> chosen = Stream.of(
                Identity.ofExternalId("a/b\\c\"d"), Identity.ofExternalId("\u2028\u2029\u007f\u0085\u20ac"),
                Identity.ofExternalId("\ud83d\ude00 emoji"), Identity.ofExternalId("x".repeat(255)),
                new Identity("<script>", "o'neil+tag@example.com"), Identity.ofEmail("a@b.co"));
        java.util.Random random = new java.util.Random(20261201);
        Stream<Identity> generated = Stream.generate(() -> {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(40);
            while (text.length() < length) {
                text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x10000) : 0x20 + random.nextInt(0x5f));
            }
            return random.nextBoolean() ? Identity.ofExternalId(text.toString())
                    : new Identity(text.toString(), "u" + random.nextInt(1000) + "@example.com");
        }).limit(300);
        return Stream.concat(chosen, generated);
    }

    @ParameterizedTest
    @MethodSource("awkwardIdentities")
    void writesTheSameBytesAsJose4jsJsonWebSignature(Identity identity) throws Exception {
        JwtClaims claims = new JwtClaims();
        if (identity.externalId() != null) {
            claims.setStringClaim(Identity.EXTERNAL_ID, identity.externalId());
        }
        if (identity.email() != null) {
            claims.setStringClaim(Identity.EMAIL, identity.email());
        }
        claims.setIssuedAt(NumericDate.fromSeconds(NOW_SECONDS));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setPayload(claims.toJson());
        jws.setKey(new HmacKey(SECRET.getBytes(StandardCharsets.UTF_8)));

        assertEquals(jws.getCompactSerialization(), signer.sign(identity, key(SECRET)).token());
    }

    @Test
    void signsWithTheNewKeyAfterARotation() throws Exception {
        signer.sign(Identity.ofExternalId("alice"), key(SECRET));
        String token = signer.sign(Identity.ofExternalId("alice"), key(OTHER_SECRET)).token();
        assertEquals("alice", verified(token, OTHER_SECRET).getStringClaimValue(Identity.EXTERNAL_ID));
        assertThrows(InvalidJwtException.class, () -> verified(token, SECRET));
    }

    private static SigningKey key(String secret) {
        return SecretPolicy.keyFor(Optional.of(secret), false);
    }

    private static JwtClaims verified(String token, String secret) throws InvalidJwtException {
        return new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256))
                .setVerificationKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)))
                .setRelaxVerificationKeyValidation()
                .setRequireIssuedAt()
                .setEvaluationTime(NumericDate.fromSeconds(NOW_SECONDS))
                .build()
                .processToClaims(token);
    }

    private static String decodedPart(String token, int index) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
    }
}
