package io.kustomertoken.bearer.control;

import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.settings.control.ConfigSnapshot;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * What the bearer WAR needs configured. {@link AccessTokenVerifier} checks tokens against the
 * MP-JWT settings {@code mp.jwt.verify.*}; without an audience a token issued for any client of
 * the same provider would do, so the deployment stops unless issuer, audience and the provider's
 * JWKS URL are all set. A key given inline ({@code mp.jwt.verify.publickey}) is refused rather
 * than ignored: it could not follow the provider's key rotation. Which claim becomes a customer's
 * {@code externalId} is ours.
 */
@ApplicationScoped
public class BearerSettings {

    public static final String EXTERNAL_ID_CLAIM_KEY = "kustomer.bearer.external-id-claim";
    static final String DEFAULT_EXTERNAL_ID_CLAIM = "sub";
    static final String ISSUER = "mp.jwt.verify.issuer";
    static final String AUDIENCES = "mp.jwt.verify.audiences";
    static final List<String> REQUIRED = List.of(ISSUER, AUDIENCES);
    static final String KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String INLINE_KEY = "mp.jwt.verify.publickey";
    static final String ALGORITHM = "mp.jwt.verify.publickey.algorithm";
    static final String CLOCK_SKEW = "mp.jwt.verify.clock.skew";
    static final List<String> ALGORITHMS = List.of("RS256", "ES256");
    static final int MAX_CLOCK_SKEW = 300;
    /** How long the provider's keys are trusted after a fetch: a key it removes is refused within that. */
    static final String KEYS_KEPT = "kustomer.bearer.keys-kept-seconds";
    static final int MIN_KEYS_KEPT = 15;
    static final int MAX_KEYS_KEPT = 3600;
    /** How many verified access tokens are kept, so that one sent again is not checked again in full. */
    static final String VERIFIED_TOKENS_KEPT = "kustomer.bearer.verified-tokens-kept";
    static final int DEFAULT_VERIFIED_TOKENS_KEPT = 10_000;
    static final int MAX_VERIFIED_TOKENS_KEPT = 100_000;
    /** Which claim lists the roles; SmallRye's name is still read, as docs/bearer.md told WildFly users. */
    static final List<String> GROUPS_CLAIM = List.of("kustomer.bearer.groups-claim", "smallrye.jwt.path.groups");

    private static final Logger LOG = Logger.getLogger(BearerSettings.class.getName());
    private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    @Inject
    Config config;

    private ConfigSnapshot<String> externalIdClaim;

    @PostConstruct
    void readThroughSnapshot() {
        externalIdClaim = new ConfigSnapshot<>(config, this::configuredClaimOrLogged);
    }

    /** Fails the deployment before any caller is served with settings that would let too much in. */
    void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        List<String> faults = faults();
        if (!faults.isEmpty()) {
            String message = "The bearer WAR cannot start: " + String.join(" ", faults);
            LOG.severe(message + " The deployment stops here.");
            throw new IllegalStateException(message);
        }
    }

    /**
     * The checks {@link AccessTokenVerifier} makes, read once; called after {@link #checkAtStartup}
     * has stopped a deployment that lacks any of them. Public: a package-private method called
     * through the CDI proxy would run on the proxy, whose fields are empty.
     */
    public TokenChecks tokenChecks() {
        String groupsClaim = GROUPS_CLAIM.stream().flatMap(key -> value(key).stream()).findFirst().orElse("groups");
        return new TokenChecks(value(ISSUER).orElseThrow(),
                Arrays.stream(value(AUDIENCES).orElseThrow().split(",")).map(String::strip)
                        .filter(audience -> !audience.isEmpty()).toList(),
                URI.create(value(KEY_LOCATION).orElseThrow()), value(ALGORITHM).orElse("RS256"),
                Integer.parseInt(value(CLOCK_SKEW).orElse("60")), groupsClaim,
                value(KEYS_KEPT).map(Long::parseLong).map(Duration::ofSeconds).orElse(ProviderKeys.DEFAULT_KEPT),
                value(VERIFIED_TOKENS_KEPT).map(Integer::parseInt).orElse(DEFAULT_VERIFIED_TOKENS_KEPT));
    }

    /**
     * What a token must meet, from the {@code mp.jwt.verify.*} settings, how long the provider's
     * keys are kept, and how many verified tokens.
     */
    public record TokenChecks(String issuer, List<String> audiences, URI keyLocation, String algorithm, int skewSeconds,
            String groupsClaim, Duration keysKept, int verifiedTokensKept) {
    }

    /** The claim whose value is a bearer customer's {@code externalId}. */
    public String externalIdClaim() {
        return externalIdClaim.get();
    }

    List<String> faults() {
        List<String> faults = new ArrayList<>();
        for (String key : REQUIRED) {
            if (value(key).isEmpty()) {
                faults.add(key + " is not set.");
            }
        }
        if (value(AUDIENCES).filter(audiences -> audiences.replace(",", "").isBlank()).isPresent()) {
            faults.add(AUDIENCES + " names no audience.");
        }
        if (value(KEY_LOCATION).isEmpty()) {
            faults.add(KEY_LOCATION + " (the provider's JWKS URL) is not set.");
        } else if (!value(KEY_LOCATION).get().matches("(?i)https?://\\S+")) {
            faults.add(KEY_LOCATION + " must be the provider's JWKS URL (http or https).");
        }
        value(ALGORITHM).filter(algorithm -> !ALGORITHMS.contains(algorithm))
                .ifPresent(algorithm -> faults.add(ALGORITHM + " must be RS256 or ES256 (MicroProfile JWT's two)."));
        value(CLOCK_SKEW).filter(skew -> !skew.matches("[0-9]{1,3}") || Integer.parseInt(skew) > MAX_CLOCK_SKEW)
                .ifPresent(skew -> faults.add(CLOCK_SKEW + " must be a whole number of seconds from 0 to "
                        + MAX_CLOCK_SKEW + " (more would accept expired tokens for longer)."));
        value(KEYS_KEPT).filter(kept -> !kept.matches("[0-9]{1,4}") || Integer.parseInt(kept) < MIN_KEYS_KEPT
                        || Integer.parseInt(kept) > MAX_KEYS_KEPT)
                .ifPresent(kept -> faults.add(KEYS_KEPT + " must be a whole number of seconds from " + MIN_KEYS_KEPT
                        + " to " + MAX_KEYS_KEPT + " (a key the provider removes is refused within it)."));
        value(VERIFIED_TOKENS_KEPT).filter(kept -> !kept.matches("[0-9]{1,6}") || Integer.parseInt(kept) > MAX_VERIFIED_TOKENS_KEPT)
                .ifPresent(kept -> faults.add(VERIFIED_TOKENS_KEPT + " must be a whole number from 0 (none kept) to "
                        + MAX_VERIFIED_TOKENS_KEPT + "."));
        if (value(INLINE_KEY).isPresent()) {
            faults.add(INLINE_KEY + " (a key given inline) is not supported: remove it and set " + KEY_LOCATION
                    + " to the provider's JWKS URL, so that its key rotation is followed.");
        }
        claimFault(configuredClaim()).ifPresent(faults::add);
        return faults;
    }

    static Optional<String> claimFault(String claim) {
        if (!CLAIM_NAME.matcher(claim).matches()) {
            return Optional.of(EXTERNAL_ID_CLAIM_KEY + " must be a claim name (letters, digits, _ . : -).");
        }
        // An email is an identity only once verified: email mode reads it with that check.
        if (claim.equals(AccessTokenNames.EMAIL)) {
            return Optional.of(EXTERNAL_ID_CLAIM_KEY + " cannot be email: set kustomer.token.identity=email,"
                    + " which uses the email only when email_verified is true.");
        }
        return Optional.empty();
    }

    private String configuredClaimOrLogged() {
        String claim = configuredClaim();
        Optional<String> fault = claimFault(claim);
        if (fault.isPresent()) {
            LOG.severe(fault.get());
            throw ProblemException.misconfigured();
        }
        return claim;
    }

    private String configuredClaim() {
        return value(EXTERNAL_ID_CLAIM_KEY).orElse(DEFAULT_EXTERNAL_ID_CLAIM);
    }

    private Optional<String> value(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }
}
