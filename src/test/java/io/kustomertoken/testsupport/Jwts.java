package io.kustomertoken.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

/** Verifies tokens the way a strict consumer would: HS256 only, signature checked, nothing assumed. */
public final class Jwts {

    public static final String EXPECTED_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private Jwts() {
    }

    /** The secret the tests deploy with; {@code kustomer.secret} itself changes in rotation tests. */
    public static String itSecret() {
        return System.getProperty("it.kustomer.secret");
    }

    /** The verified claims, or an exception when the signature or algorithm is wrong. */
    public static JwtClaims verified(String token, String secret) throws InvalidJwtException {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256))
                .setVerificationKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)))
                .setRelaxVerificationKeyValidation()
                .setRequireIssuedAt()
                .setSkipDefaultAudienceValidation()
                .build();
        return consumer.processToClaims(token);
    }

    /** The header and payload exactly as they were signed. */
    public static String decodedPart(String token, int index) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
    }
}
