package io.kustomertoken.bearer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.AgainstBearerWar;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.OpenIdProvider;
import io.kustomertoken.testsupport.TokenService;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The provider starts signing with a new key: the server fetches the JWKS again and accepts the
 * new tokens within its refresh time (one minute with what kustomer-bearer.war sets: Payara's
 * JWKS cache, WildFly's forced refresh on an unknown key id), and tokens of the old key, which the
 * provider still publishes, keep working meanwhile.
 */
class ProviderKeyRotationIT extends AgainstBearerWar {

    /** The refresh time the README states, and some slack for a loaded machine. */
    private static final Duration REFRESH = Duration.ofSeconds(60);
    private static final Duration LIMIT = REFRESH.plusSeconds(30);

    @Test
    void tokensOfANewProviderKeyAreAcceptedWithinTheRefreshTime() throws Exception {
        String oldToken = OpenIdProvider.customerToken("alice");
        String oldKid = kidOf(oldToken);
        // The server has fetched and cached the JWKS before the provider's key changes.
        TokenService.tokenFrom(service.postEmpty(oldToken));
        String component = OpenIdProvider.addActiveKey();
        try {
            String newToken = OpenIdProvider.customerToken("alice");
            assertNotEquals(oldKid, kidOf(newToken), "the provider did not switch to the new key");

            long started = System.nanoTime();
            HttpResponse<String> answer = service.postEmpty(newToken);
            while (answer.statusCode() == 401 && System.nanoTime() - started < LIMIT.toNanos()) {
                Thread.sleep(2000);
                // The old key is still published: its tokens must keep working meanwhile.
                TokenService.tokenFrom(service.postEmpty(
                        OpenIdProvider.signedByProvider(OpenIdProvider.claimsOf(newToken))));
                answer = service.postEmpty(newToken);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("[ProviderKeyRotationIT] a new provider key was accepted after " + took.toMillis() + " ms");

            Jwts.verified(TokenService.tokenFrom(answer), Jwts.itSecret());
            assertTrue(took.compareTo(LIMIT) <= 0, "took " + took);
        } finally {
            OpenIdProvider.removeKey(component);
        }
        assertEquals(oldKid, kidOf(OpenIdProvider.customerToken("alice")));
    }

    private static String kidOf(String token) {
        return TokenService.json(Jwts.decodedPart(token, 0)).getString("kid");
    }
}
