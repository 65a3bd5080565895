package io.kustomertoken.tokens.control;

import io.kustomertoken.identity.control.IdentityChecked;
import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.secret.control.SigningSecret;
import io.kustomertoken.secret.entity.SigningKey;
import io.kustomertoken.tokens.entity.IssuedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The only place that signs. It writes exactly what Kustomer documents: header
 * {@code {"alg":"HS256","typ":"JWT"}}, the identity claims and {@code iat}; nothing else.
 */
@ApplicationScoped
public class TokenSigner {

    /** Kustomer refuses a token whose {@code iat} is older than this. */
    public static final Duration KUSTOMER_ACCEPTS_FOR = Duration.ofMinutes(15);

    private static final AlgorithmConstraints HS256_ONLY =
            new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256);

    @Inject
    SigningSecret secret;

    Clock clock = Clock.systemUTC();

    @IdentityChecked
    public IssuedToken sign(Identity identity) {
        return sign(identity, secret.key());
    }

    IssuedToken sign(Identity identity, SigningKey key) {
        // Whole seconds, rounded down, so that iat is never in the future.
        Instant issuedAt = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        JwtClaims claims = new JwtClaims();
        if (identity.externalId() != null) {
            claims.setStringClaim(Identity.EXTERNAL_ID, identity.externalId());
        }
        if (identity.email() != null) {
            claims.setStringClaim(Identity.EMAIL, identity.email());
        }
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));

        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(HS256_ONLY);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setPayload(claims.toJson());
        jws.setKey(key.hmacKey());
        jws.setDoKeyValidation(!key.belowRecommendedLength());
        try {
            return new IssuedToken(jws.getCompactSerialization(), identity, issuedAt,
                    issuedAt.plus(KUSTOMER_ACCEPTS_FOR));
        } catch (JoseException failure) {
            throw new TokenSigningException(failure);
        }
    }
}
