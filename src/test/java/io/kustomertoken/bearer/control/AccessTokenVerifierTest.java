package io.kustomertoken.bearer.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.bearer.entity.AccessToken;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exactly MP-JWT's checks: the provider's key, the one configured algorithm, issuer, audience, exp, nbf. */
class AccessTokenVerifierTest {

    static final String ISSUER = "http://127.0.0.1:18180/realms/kustomer";
    static final String AUDIENCE = "kustomer-token-service";
    static RsaJsonWebKey providers;
    static RsaJsonWebKey someoneElses;
    static JwtConsumer consumer;

    @BeforeAll
    static void provider() throws Exception {
        providers = ProviderKeysTest.key("k1");
        someoneElses = ProviderKeysTest.key("k1");   // the same key id, another key
        String jwks = new JsonWebKeySet(providers).toJson();
        consumer = AccessTokenVerifier.consumer(ISSUER, new String[] {"other-client", AUDIENCE}, "RS256", 60,
                new ProviderKeys("test JWKS", () -> jwks, ProviderKeys.DEFAULT_KEPT, Clock.systemUTC()));
    }

    @Test
    void theProvidersTokenForThisServiceIsTheCallersPrincipal() throws Exception {
        AccessToken token = AccessTokenVerifier.verifiedBy(consumer, signed(claims -> { }, providers, "RS256"), "groups")
                .orElseThrow();
        assertEquals("alice", token.getName());
        assertEquals("alice-sub", token.getClaim("sub"));
        assertEquals(Boolean.TRUE, token.getClaim("email_verified"));
        assertEquals(Set.of("kustomer-customer"), token.getGroups());
    }

    @Test
    void theRolesComeFromTheConfiguredClaim() throws Exception {
        String entraLike = signed(claims -> claims.setStringListClaim("roles", "kustomer-token-delegate"), providers, "RS256");
        assertEquals(Set.of("kustomer-token-delegate"),
                AccessTokenVerifier.verifiedBy(consumer, entraLike, "roles").orElseThrow().getGroups());
        assertEquals(Set.of("kustomer-customer"),
                AccessTokenVerifier.verifiedBy(consumer, entraLike, "groups").orElseThrow().getGroups());
        String noRoles = signed(claims -> claims.unsetClaim("groups"), providers, "RS256");
        assertEquals(Set.of(), AccessTokenVerifier.verifiedBy(consumer, noRoles, "groups").orElseThrow().getGroups());
    }

    @Test
    void anythingElseIsRefused() throws Exception {
        List<String> refused = List.of(
                signed(claims -> claims.setIssuer("http://127.0.0.1:18180/realms/other"), providers, "RS256"),
                signed(claims -> claims.setAudience("another-client"), providers, "RS256"),
                signed(claims -> claims.setExpirationTimeMinutesInTheFuture(-2), providers, "RS256"),
                signed(claims -> claims.unsetClaim("exp"), providers, "RS256"),
                signed(claims -> claims.setNotBeforeMinutesInThePast(-2), providers, "RS256"),
                signed(claims -> { }, someoneElses, "RS256"),
                signed(claims -> { }, providers, "RS384"),
                tampered(signed(claims -> { }, providers, "RS256")),
                hmacWithThePublicKey(),
                unsigned(),
                "", "not.a.token", "a.b");
        for (String token : refused) {
            assertTrue(AccessTokenVerifier.verifiedBy(consumer, token, "groups").isEmpty(), token);
        }
    }

    @Test
    void es256IsCheckedWhenItIsTheConfiguredAlgorithm() throws Exception {
        EllipticCurveJsonWebKey ecKey = EcJwkGenerator.generateJwk(org.jose4j.keys.EllipticCurves.P256);
        ecKey.setKeyId("ec1");
        String jwks = new JsonWebKeySet(ecKey, providers).toJson();
        JwtConsumer es256 = AccessTokenVerifier.consumer(ISSUER, new String[] {AUDIENCE}, "ES256", 60,
                new ProviderKeys("test JWKS", () -> jwks, ProviderKeys.DEFAULT_KEPT, Clock.systemUTC()));
        assertTrue(AccessTokenVerifier.verifiedBy(es256, signed(claims -> { }, ecKey, "ES256"), "groups").isPresent());
        assertTrue(AccessTokenVerifier.verifiedBy(es256, signed(claims -> { }, providers, "RS256"), "groups").isEmpty(),
                "only the configured algorithm");
        assertTrue(AccessTokenVerifier.verifiedBy(consumer, signed(claims -> { }, ecKey, "ES256"), "groups").isEmpty());
    }

    @Test
    void aSkewOfAMinuteIsAllowed() throws Exception {
        String justExpired = signed(claims -> claims.setExpirationTime(NumericDate.fromSeconds(
                NumericDate.now().getValue() - 30)), providers, "RS256");
        assertTrue(AccessTokenVerifier.verifiedBy(consumer, justExpired, "groups").isPresent());
    }

    static String signed(Consumer<JwtClaims> change, PublicJsonWebKey key, String algorithm) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject("alice-sub");
        claims.setClaim("preferred_username", "alice");
        claims.setClaim("email_verified", true);
        claims.setStringListClaim("groups", "kustomer-customer");
        // Issued a while ago, so that an expiry moved into the past is refused as expired, not as before iat.
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
        claims.setExpirationTimeMinutesInTheFuture(5);
        change.accept(claims);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(algorithm);
        return jws.getCompactSerialization();
    }

    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("alice-sub", "admin-sub");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
    }

    // The old confusion: HS256 with the provider's public key as the HMAC secret.
    private static String hmacWithThePublicKey() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        JwtClaims claims = JwtClaims.parse(new String(java.util.Base64.getUrlDecoder().decode(
                signed(c -> { }, providers, "RS256").split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8));
        jws.setPayload(claims.toJson());
        jws.setKey(new HmacKey(providers.getPublicKey().getEncoded()));
        jws.setKeyIdHeaderValue(providers.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        return jws.getCompactSerialization();
    }

    private static String unsigned() throws Exception {
        String[] parts = signed(c -> { }, providers, "RS256").split("\\.");
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"kid\":\"k1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }
}
