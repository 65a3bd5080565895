package io.kustomertoken.cors;

import static io.kustomertoken.testsupport.BrowserRequests.ALLOWED_ORIGINS;
import static io.kustomertoken.testsupport.BrowserRequests.assertGranted;
import static io.kustomertoken.testsupport.BrowserRequests.assertReadableBy;
import static io.kustomertoken.testsupport.BrowserRequests.assertRefused;
import static io.kustomertoken.testsupport.BrowserRequests.preflight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.AgainstBearerWar;
import io.kustomertoken.testsupport.OpenIdProvider;
import io.kustomertoken.testsupport.ProblemAssertions;
import io.kustomertoken.testsupport.TokenService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * kustomer-bearer.war called from a single-page app on another origin with the user's access
 * token: the preflight passes the server's MP-JWT mechanism without a token, the answers name the
 * allowed origin, a foreign origin's preflight is refused.
 */
class BearerCrossOriginIT extends AgainstBearerWar {

    static final String SPA = "http://127.0.0.1:5173";

    @Test
    void aSinglePageAppOnAnAllowedOriginGetsItsTokenAndOthersAreRefused() {
        config.set(ALLOWED_ORIGINS, SPA);
        assertGranted(service.send(preflight(service.tokens(), SPA, "POST", "authorization")), SPA);
        assertRefused(service.send(preflight(service.tokens(), "http://127.0.0.1:5174", "POST", "authorization")));
        assertRefused(service.send(preflight(service.tokens(), "null", "POST", "authorization")));

        HttpResponse<String> token = service.send(TokenService.bearer(service.tokens(),
                OpenIdProvider.customerToken("alice")).header("Origin", SPA).POST(HttpRequest.BodyPublishers.noBody()));
        TokenService.tokenFrom(token);
        assertReadableBy(token, SPA);

        HttpResponse<String> refused = service.send(TokenService.bearer(service.tokens(), "not-a-token")
                .header("Origin", SPA).POST(HttpRequest.BodyPublishers.noBody()));
        ProblemAssertions.assertProblem(refused, 401, "unauthorized");
        assertReadableBy(refused, SPA);
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                refused.headers().map()::toString);

        HttpResponse<String> notAPreflight = service.send(HttpRequest.newBuilder(service.tokens())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        ProblemAssertions.assertProblem(notAPreflight, 405, "method-not-allowed");
        assertEquals("POST", notAPreflight.headers().firstValue("Allow").orElse(""));
    }
}
