package io.kustomertoken.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;

/** What every error answer must be: problem+json with a stable type, and nothing that leaks. */
public final class ProblemAssertions {

    public static final String TYPE_PREFIX = "urn:kustomer-token-service:problem:";

    private ProblemAssertions() {
    }

    public static JsonObject assertProblem(HttpResponse<String> response, int status, String kind) {
        assertEquals(status, response.statusCode(), () -> "body: " + response.body());
        assertEquals("application/problem+json",
                response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""),
                () -> "body: " + response.body());
        JsonObject problem = TokenService.json(response);
        assertEquals(TYPE_PREFIX + kind, problem.getString("type"));
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.containsKey("title"));
        assertFalse(problem.containsKey("token"), "an error never carries a token");
        assertNoLeak(response.body());
        assertNoSniff(response);
        return problem;
    }

    /** Every answer, a token or a refusal from the container or the WAR, forbids content sniffing. */
    public static void assertNoSniff(HttpResponse<String> response) {
        assertEquals(List.of("nosniff"), response.headers().allValues("X-Content-Type-Options"),
                () -> response.statusCode() + " " + response.headers().map());
    }

    /** No stack trace, no library or JVM message, no secret. */
    public static void assertNoLeak(String body) {
        for (String leak : new String[] {"Exception", "\tat ", "jakarta.", "org.", "java.", "jersey", "Jersey",
                "Payara", "GlassFish", "eyJ"}) {
            assertFalse(body.contains(leak), () -> "'" + leak + "' in " + body);
        }
        String secret = Jwts.itSecret();
        if (secret != null) {
            assertFalse(body.contains(secret), "the secret is in a response");
        }
    }
}
