package io.kustomertoken.cors;

import static io.kustomertoken.testsupport.BrowserRequests.ALLOWED_ORIGINS;
import static io.kustomertoken.testsupport.BrowserRequests.assertGranted;
import static io.kustomertoken.testsupport.BrowserRequests.assertNoCorsHeader;
import static io.kustomertoken.testsupport.BrowserRequests.assertReadableBy;
import static io.kustomertoken.testsupport.BrowserRequests.assertRefused;
import static io.kustomertoken.testsupport.BrowserRequests.preflight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.AuditLog;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.ProblemAssertions;
import io.kustomertoken.testsupport.TokenService;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kustomer.war called from browser pages on other origins: the allow-list set live, as an
 * administrator sets it; preflights answered before authentication; hostile preflights refused.
 */
class CrossOriginIT extends AgainstDeployedWar {

    static final String APP = "https://app.example.com";
    static final String DEV = "http://127.0.0.1:5173";

    @Test
    void anAllowedOriginsPreflightNeedsNoCredentialsAndItsAnswersNameIt() throws Exception {
        config.set(ALLOWED_ORIGINS, APP + ", " + DEV);
        try (AuditLog audit = AuditLog.capture()) {
            assertGranted(service.send(preflight(service.tokens(), APP, "POST", "authorization", "content-type")), APP);
            assertGranted(service.send(preflight(service.tokens(), DEV, "POST", "Authorization")), DEV);
            // Only a refused preflight is audited: this one is the first line.
            assertRefused(service.send(preflight(service.tokens(), "https://evil.example", "POST")));
            List<JsonObject> lines = audit.awaitLines(1);
            assertEquals(403, lines.get(0).getInt("status"), audit.lines()::toString);
            assertEquals(ProblemAssertions.TYPE_PREFIX + "cross-origin-refused", lines.get(0).getString("problemType"));
        }

        HttpResponse<String> token = service.send(TokenService.authorized(service.tokens(), DemoAccounts.ALICE)
                .header("Origin", APP).POST(HttpRequest.BodyPublishers.noBody()));
        TokenService.tokenFrom(token);
        assertReadableBy(token, APP);

        HttpResponse<String> delegated = service.send(TokenService.authorized(service.tokens(), DemoAccounts.BFF)
                .header("Origin", DEV).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"externalId\":\"cors-42\"}")));
        TokenService.tokenFrom(delegated);
        assertReadableBy(delegated, DEV);

        // A refusal of the API is readable by the page: it must branch on the problem type.
        HttpResponse<String> invalid = service.send(TokenService.authorized(service.tokens(), DemoAccounts.BFF)
                .header("Origin", APP).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"externalId\":\"\"}")));
        ProblemAssertions.assertProblem(invalid, 422, "invalid-identity");
        assertReadableBy(invalid, APP);

        // The container's own 401 (before any of our code) is readable too: the page must see it to sign in again.
        HttpResponse<String> wrongPassword = service.send(TokenService.authorized(service.tokens(), "alice", "wrong")
                .header("Origin", APP).POST(HttpRequest.BodyPublishers.noBody()));
        ProblemAssertions.assertProblem(wrongPassword, 401, "unauthorized");
        assertReadableBy(wrongPassword, APP);

        // A page elsewhere: its request is not refused (a server's call carries no Origin to check), but its
        // browser gets no header that lets the page read the answer.
        HttpResponse<String> elsewhere = service.send(TokenService.authorized(service.tokens(), DemoAccounts.ALICE)
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, elsewhere.statusCode());
        assertNoCorsHeader(elsewhere);
    }

    @Test
    void hostilePreflightsAreRefusedWithAProblemAndNoCorsHeader() {
        config.set(ALLOWED_ORIGINS, APP);
        List<String> failures = new ArrayList<>();
        for (String origin : List.of("https://APP.example.com", "HTTPS://app.example.com", "http://app.example.com",
                "https://app.example.com:8443", "https://app.example.com:443", "https://app.example.com/",
                "https://app.example.com.evil.example", "https://evilapp.example.com", "null", "*",
                "https://app.example.com, https://evil.example")) {
            check(failures, "origin " + origin, preflight(service.tokens(), origin, "POST"));
        }
        for (String method : List.of("PUT", "GET", "DELETE", "PATCH", "post", "POST, PUT")) {
            check(failures, "method " + method, preflight(service.tokens(), APP, method));
        }
        for (String headers : List.of("x-custom", "cookie", "authorization, x-requested-with", "content-length")) {
            check(failures, "headers " + headers, preflight(service.tokens(), APP, "POST", headers));
        }
        check(failures, "two Origin headers", preflight(service.tokens(), APP, "POST").header("Origin", APP));
        check(failures, "credentials do not help", preflight(service.tokens(), "https://evil.example", "POST")
                .header("Authorization", TokenService.basic("alice", DemoAccounts.ALICE.password())));
        assertEquals(List.of(), failures);

        for (HttpRequest.Builder plain : List.of(
                HttpRequest.newBuilder(service.tokens()).method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
                TokenService.authorized(service.tokens(), DemoAccounts.ALICE)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()))) {
            HttpResponse<String> notAPreflight = service.send(plain);
            ProblemAssertions.assertProblem(notAPreflight, 405, "method-not-allowed");
            assertEquals("POST", notAPreflight.headers().firstValue("Allow").orElse(""));
        }
    }

    @Test
    void theListIsReadLiveAndNoListMeansNoCorsAtAll() {
        config.set(ALLOWED_ORIGINS, APP);
        assertGranted(service.send(preflight(service.tokens(), APP, "POST", "authorization")), APP);

        config.clear(ALLOWED_ORIGINS);
        assertRefused(service.send(preflight(service.tokens(), APP, "POST", "authorization")));
        HttpResponse<String> token = service.send(TokenService.authorized(service.tokens(), DemoAccounts.ALICE)
                .header("Origin", APP).POST(HttpRequest.BodyPublishers.noBody()));
        TokenService.tokenFrom(token);
        assertNoCorsHeader(token);
        assertFalse(token.headers().allValues("Vary").stream().anyMatch(vary -> vary.contains("Origin")),
                token.headers().map()::toString);
    }

    private void check(List<String> failures, String name, HttpRequest.Builder request) {
        HttpResponse<String> answer = service.send(request);
        try {
            assertRefused(answer);
        } catch (AssertionError wrong) {
            failures.add(name + ": " + wrong.getMessage() + " (" + answer.statusCode() + " " + answer.headers().map() + ")");
        }
    }
}
