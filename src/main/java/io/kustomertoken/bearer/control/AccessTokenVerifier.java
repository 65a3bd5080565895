package io.kustomertoken.bearer.control;

import io.kustomertoken.bearer.entity.AccessToken;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Checks a caller's access token as MP-JWT does, with the same {@code mp.jwt.verify.*} settings
 * (read when the WAR starts, as the servers read them): a signature by a key of the provider's
 * JWKS ({@link ProviderKeys}), the algorithm {@code mp.jwt.verify.publickey.algorithm} (RS256 by
 * default) and no other, the issuer, one of the audiences, {@code exp} required and
 * {@code nbf} honoured, with {@code mp.jwt.verify.clock.skew} seconds of skew (60 by default).
 */
@ApplicationScoped
public class AccessTokenVerifier {

    static final String ISSUER = "mp.jwt.verify.issuer";
    static final String AUDIENCES = "mp.jwt.verify.audiences";
    static final String JWKS = "mp.jwt.verify.publickey.location";
    static final String ALGORITHM = "mp.jwt.verify.publickey.algorithm";
    static final String CLOCK_SKEW = "mp.jwt.verify.clock.skew";
    /** Which claim lists the roles; SmallRye's name is still read, as docs/bearer.md told WildFly users. */
    static final List<String> GROUPS_CLAIM = List.of("kustomer.bearer.groups-claim", "smallrye.jwt.path.groups");

    @Inject
    Config config;

    private JwtConsumer consumer;
    private String groupsClaim;

    @PostConstruct
    void readSettings() {
        groupsClaim = GROUPS_CLAIM.stream().flatMap(key -> config.getOptionalValue(key, String.class).stream())
                .map(String::strip).filter(name -> !name.isEmpty()).findFirst().orElse("groups");
        ProviderKeys keys = ProviderKeys.at(URI.create(required(JWKS)));
        consumer = consumer(required(ISSUER), required(AUDIENCES).split(","),
                config.getOptionalValue(ALGORITHM, String.class).orElse("RS256").strip(),
                config.getOptionalValue(CLOCK_SKEW, Integer.class).orElse(60), keys);
    }

    static JwtConsumer consumer(String issuer, String[] audiences, String algorithm, int skewSeconds, ProviderKeys keys) {
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(skewSeconds)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(Arrays.stream(audiences).map(String::strip).filter(a -> !a.isEmpty())
                        .toArray(String[]::new))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm)
                .setVerificationKeyResolver((jws, nested) -> keys.keyFor(jws))
                .build();
    }

    /** The verified token, or empty: it is not one of the provider's, or not for this service now. */
    public Optional<AccessToken> verified(String token) {
        return verifiedBy(consumer, token, groupsClaim);
    }

    static Optional<AccessToken> verifiedBy(JwtConsumer consumer, String token, String groupsClaim) {
        try {
            return Optional.of(new AccessToken(consumer.processToClaims(token).getClaimsMap(), groupsClaim));
        } catch (InvalidJwtException refused) {
            return Optional.empty();
        }
    }

    private String required(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new IllegalStateException(key + " is not set."));
    }
}
