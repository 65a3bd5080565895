package io.kustomertoken.bearer.control;

import io.kustomertoken.bearer.entity.AccessToken;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Checks a caller's access token as MP-JWT does, with the same {@code mp.jwt.verify.*} settings
 * (read when the WAR starts, as the servers read them): a signature by a key of the provider's
 * JWKS ({@link ProviderKeys}), the algorithm {@code mp.jwt.verify.publickey.algorithm} (RS256 by
 * default) and no other, the issuer, one of the audiences, {@code exp} required and
 * {@code nbf} honoured, with {@code mp.jwt.verify.clock.skew} seconds of skew (60 by default).
 * A token sent again while it and the provider's keys hold is found in {@link VerifiedTokens}.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    @Inject
    BearerSettings settings;

    private JwtConsumer consumer;
    private ProviderKeys keys;
    private VerifiedTokens recent;
    private String groupsClaim;

    @PostConstruct
    void readSettings() {
        BearerSettings.TokenChecks checks = settings.tokenChecks();
        groupsClaim = checks.groupsClaim();
        keys = ProviderKeys.at(checks.keyLocation(), checks.keysKept());
        consumer = consumer(checks.issuer(), checks.audiences().toArray(String[]::new), checks.algorithm(),
                checks.skewSeconds(), keys);
        recent = new VerifiedTokens(checks.verifiedTokensKept(), Clock.systemUTC());
    }

    /**
     * Made when the WAR starts, right after {@link BearerSettings#checkAtStartup} has passed the
     * settings (an observer of the default priority), so that what was checked is what applies:
     * a setting changed later applies at the next deployment, never half-read at a first request.
     */
    void madeAtStartup(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000)
            @Initialized(ApplicationScoped.class) Object started) {
        // Notifying this observer made the bean, and its @PostConstruct read the settings.
    }

    static JwtConsumer consumer(String issuer, String[] audiences, String algorithm, int skewSeconds, ProviderKeys keys) {
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(skewSeconds)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audiences)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm)
                .setVerificationKeyResolver((jws, nested) -> keys.keyFor(jws))
                .build();
    }

    /** The verified token, or empty: it is not one of the provider's, or not for this service now. */
    public Optional<AccessToken> verified(String token) {
        return verifiedBy(consumer, keys, recent, token, groupsClaim);
    }

    /** A token verified moments ago against the same keys, else the full check, whose success is kept. */
    static Optional<AccessToken> verifiedBy(JwtConsumer consumer, ProviderKeys keys, VerifiedTokens recent, String token,
            String groupsClaim) {
        Object keySet;
        try {
            keySet = keys.keySet();
        } catch (UnresolvableKeyException noKeysTrusted) {
            return Optional.empty();
        }
        Optional<AccessToken> known = recent.find(token, keySet);
        if (known.isPresent()) {
            return known;
        }
        Optional<AccessToken> checked = verifiedBy(consumer, token, groupsClaim);
        checked.ifPresent(accepted -> recent.keep(token, accepted, keySet));
        return checked;
    }

    static Optional<AccessToken> verifiedBy(JwtConsumer consumer, String token, String groupsClaim) {
        try {
            return Optional.of(new AccessToken(consumer.processToClaims(token).getClaimsMap(), groupsClaim));
        } catch (InvalidJwtException refused) {
            return Optional.empty();
        }
    }
}
