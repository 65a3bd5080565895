package io.kustomertoken.bearer.control;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The provider's signing keys, parsed once per fetch of its JWKS (Payara's MP-JWT parsed the kept
 * JWKS text again on every request: issue 26). A fetch is kept for the configured time
 * ({@link #DEFAULT_KEPT} unless set); then the next request fetches again, so a key the provider
 * adds is found, and a key it removes refused, within that time plus one fetch. A token naming a
 * key the kept set lacks fetches again at once, at most once per {@link #FORCED_FETCH_INTERVAL},
 * so made-up key ids cannot make the service hammer the provider. In the last sixth of the kept
 * time one request fetches while the others go on with the kept keys, so the regular fetch does
 * not hold every bearer request.
 *
 * <p>When the keys are due and the provider cannot be read, no key is trusted beyond its time:
 * bearer callers get 401 until it answers again. A failed fetch is not tried again for
 * {@link #RETRY_AFTER_FAILURE}, so an outage does not hold every request for the fetch timeout;
 * the first failure of an outage is logged as a WARNING, the recovery as INFO.
 */
public final class ProviderKeys {

    public static final Duration DEFAULT_KEPT = Duration.ofSeconds(60);
    public static final Duration FORCED_FETCH_INTERVAL = Duration.ofSeconds(10);
    public static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(ProviderKeys.class.getName());

    private final String source;
    private final Supplier<String> jwks;
    private final Duration kept;
    private final Duration refreshedAhead;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Fetched fetched;
    private volatile Instant lastForcedFetch = Instant.MIN;
    private Instant failedAt;   // guarded by fetching: when the last fetch failed, null once one succeeds

    /**
     * Keys of one fetch, and when it was made; {@code keySet} stays the same object while the
     * provider's JWKS text does, so that what was verified against it can tell a change.
     */
    private record Fetched(JwksVerificationKeyResolver resolver, Instant at, String jwks, Object keySet) {
    }

    /**
     * @param source where the keys come from, for the log
     * @param kept how long one fetch's keys are trusted: a removed key is refused after it
     */
    public ProviderKeys(String source, Supplier<String> jwks, Duration kept, Clock clock) {
        this.source = source;
        this.jwks = jwks;
        this.kept = kept;
        this.refreshedAhead = kept.dividedBy(6);
        this.clock = clock;
    }

    /** Keys from the JWKS at {@code location}, fetched with the JDK's HTTP client, each fetch kept {@code kept}. */
    public static ProviderKeys at(URI location, Duration kept) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return new ProviderKeys(location.toString(), () -> fetch(http, location), kept, Clock.systemUTC());
    }

    /** The key that verifies {@code jws}, or an exception that the token is not to be trusted. */
    public Key keyFor(JsonWebSignature jws) throws UnresolvableKeyException {
        Fetched current = current();
        try {
            return current.resolver().resolveKey(jws, List.of());
        } catch (UnresolvableKeyException unknown) {
            Fetched again = fetchedAgainForUnknownKey(current);
            if (again == current) {
                throw unknown;
            }
            return again.resolver().resolveKey(jws, List.of());
        }
    }

    /**
     * The keys trusted now, as an object that stays the same while the provider publishes the same
     * JWKS and its keys are trusted ({@link VerifiedTokens}); an exception when none are.
     */
    public Object keySet() throws UnresolvableKeyException {
        return current().keySet();
    }

    private Fetched current() throws UnresolvableKeyException {
        Fetched last = fetched;
        Instant now = clock.instant();
        if (last != null && last.at().plus(kept).isAfter(now)) {
            return last.at().plus(kept.minus(refreshedAhead)).isAfter(now) ? last : refreshedAhead(last);
        }
        fetching.lock();
        try {
            last = fetched;
            if (last == null || !last.at().plus(kept).isAfter(clock.instant())) {
                last = fetchNow();
            }
            return last;
        } finally {
            fetching.unlock();
        }
    }

    /** Keys still good for a few seconds: one request fetches, the others do not wait for it. */
    private Fetched refreshedAhead(Fetched last) {
        if (!fetching.tryLock()) {
            return last;
        }
        try {
            return fetched == last ? fetchNow() : fetched;
        } catch (UnresolvableKeyException failed) {
            return last;   // logged by fetchNow; the kept keys still hold until their time is up
        } finally {
            fetching.unlock();
        }
    }

    private Fetched fetchedAgainForUnknownKey(Fetched current) throws UnresolvableKeyException {
        fetching.lock();
        try {
            if (fetched != current) {
                return fetched;   // another request fetched meanwhile
            }
            Instant now = clock.instant();
            if (lastForcedFetch.plus(FORCED_FETCH_INTERVAL).isAfter(now)) {
                return current;
            }
            lastForcedFetch = now;
            return fetchNow();
        } finally {
            fetching.unlock();
        }
    }

    private Fetched fetchNow() throws UnresolvableKeyException {
        Instant now = clock.instant();
        if (failedAt != null && failedAt.plus(RETRY_AFTER_FAILURE).isAfter(now)) {
            throw new UnresolvableKeyException("The provider's JWKS could not be read moments ago.");
        }
        try {
            String text = jwks.get();
            List<JsonWebKey> keys = new JsonWebKeySet(text).getJsonWebKeys();
            Fetched last = fetched;
            Object keySet = last != null && last.jwks().equals(text) ? last.keySet() : new Object();
            Fetched fresh = new Fetched(new JwksVerificationKeyResolver(keys), now, text, keySet);
            fetched = fresh;
            if (failedAt != null) {
                LOG.info(() -> "The provider's JWKS at " + source + " is read again: bearer callers are served.");
                failedAt = null;
            }
            return fresh;
        } catch (JoseException | RuntimeException failed) {
            // The provider unreachable or its answer not a JWKS: no key, so the caller gets 401;
            // the keys fetched before are not trusted beyond their time.
            if (failedAt == null) {
                LOG.warning(() -> "The provider's JWKS at " + source + " cannot be read (" + failed.getMessage()
                        + "): bearer callers get 401 once the keys read before are "
                        + kept.toSeconds() + " s old, until it can be read; tried again every "
                        + RETRY_AFTER_FAILURE.toSeconds() + " s.");
            }
            failedAt = now;
            throw new UnresolvableKeyException("The provider's JWKS could not be read: " + failed.getMessage(), failed);
        }
    }

    private static String fetch(HttpClient http, URI location) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(location).timeout(FETCH_TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the JWKS answered " + answer.statusCode());
            }
            return answer.body();
        } catch (IOException failed) {
            throw new IllegalStateException("the JWKS could not be fetched: " + failed.getMessage(), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching the JWKS", interrupted);
        }
    }
}
