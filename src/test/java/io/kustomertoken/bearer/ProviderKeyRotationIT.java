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
 * The provider rotates its keys. A key it adds is accepted within the time docs/bearer.md states
 * (at once, or within 10 s when another unknown key id was tried just before), while tokens of
 * the key it still publishes keep working; a key it removes is refused within the time the JWKS
 * is kept ({@code kustomer.bearer.keys-kept-seconds}: 60 s by default, 15 s on every test server,
 * set by pom.xml), although tokens signed with it have not expired, and although the WAR had
 * accepted them several times and keeps the tokens it verified. The same bounds on every
 * server: the WAR verifies tokens itself (on WildFly the server's own MP-JWT kept a removed key
 * an hour).
 */
class ProviderKeyRotationIT extends AgainstBearerWar {

    /** The times docs/bearer.md states, and some slack for a loaded machine. */
    private static final Duration SLACK = Duration.ofSeconds(30);
    private static final Duration ADDED_LIMIT = Duration.ofSeconds(10).plus(SLACK);
    private static final Duration KEPT = Duration.ofSeconds(Long.getLong("kustomer.bearer.keys-kept-seconds", 60));
    private static final Duration REMOVED_LIMIT = KEPT.plus(SLACK);

    @Test
    void aKeyTheProviderAddsIsAcceptedAndAKeyItRemovesIsRefusedWithinTheKeptTime() throws Exception {
        String oldToken = OpenIdProvider.customerToken("alice");
        String oldKid = kidOf(oldToken);
        // The server has fetched and kept the JWKS before the provider's keys change.
        TokenService.tokenFrom(service.postEmpty(oldToken));
        String component = OpenIdProvider.addActiveKey();
        boolean removed = false;
        try {
            String newToken = OpenIdProvider.customerToken("alice");
            assertNotEquals(oldKid, kidOf(newToken), "the provider did not switch to the new key");

            long started = System.nanoTime();
            HttpResponse<String> answer = service.postEmpty(newToken);
            while (answer.statusCode() == 401 && System.nanoTime() - started < ADDED_LIMIT.toNanos()) {
                Thread.sleep(1000);
                // The old key is still published: its tokens must keep working meanwhile.
                TokenService.tokenFrom(service.postEmpty(
                        OpenIdProvider.signedByProvider(OpenIdProvider.claimsOf(newToken))));
                answer = service.postEmpty(newToken);
            }
            Duration toAccept = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("[ProviderKeyRotationIT] a key the provider added was accepted after "
                    + toAccept.toMillis() + " ms");
            Jwts.verified(TokenService.tokenFrom(answer), Jwts.itSecret());
            assertTrue(toAccept.compareTo(ADDED_LIMIT) <= 0, "took " + toAccept);
            // Sent again, it is served from the tokens the WAR verified moments ago (docs/bearer.md),
            // which must not outlive its key: the removal below refuses it all the same.
            Jwts.verified(TokenService.tokenFrom(service.postEmpty(newToken)), Jwts.itSecret());

            OpenIdProvider.removeKey(component);
            removed = true;
            assertEquals(oldKid, kidOf(OpenIdProvider.customerToken("alice")), "the provider signs with the old key again");
            started = System.nanoTime();
            answer = service.postEmpty(newToken);
            while (answer.statusCode() == 200 && System.nanoTime() - started < REMOVED_LIMIT.toNanos()) {
                Thread.sleep(1000);
                // The key still published keeps working while the removed one is still kept.
                TokenService.tokenFrom(service.postEmpty(OpenIdProvider.customerToken("alice")));
                answer = service.postEmpty(newToken);
            }
            Duration toRefuse = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("[ProviderKeyRotationIT] a key the provider removed was refused after "
                    + toRefuse.toMillis() + " ms");
            assertEquals(401, answer.statusCode(), "a token of the removed key, not expired yet: " + answer.body());
            assertTrue(toRefuse.compareTo(REMOVED_LIMIT) <= 0, "took " + toRefuse);
            assertTrue(OpenIdProvider.claimsOf(newToken).getExpirationTime().getValue() > System.currentTimeMillis() / 1000,
                    "the refused token had not expired: the key's removal refused it");
            TokenService.tokenFrom(service.postEmpty(OpenIdProvider.customerToken("alice")));
        } finally {
            if (!removed) {
                OpenIdProvider.removeKey(component);
            }
        }
    }

    private static String kidOf(String token) {
        return TokenService.json(Jwts.decodedPart(token, 0)).getString("kid");
    }
}
