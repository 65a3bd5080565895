package io.kustomertoken.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Requests as a browser sends them across origins (CORS), and what their answers must carry.
 * A browser's preflight never carries credentials.
 */
public final class BrowserRequests {

    public static final String ALLOWED_ORIGINS = "kustomer.cors.allowed-origins";

    private BrowserRequests() {
    }

    /** {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}, headers asked for if any. */
    public static HttpRequest.Builder preflight(URI uri, String origin, String method, String... requestHeaders) {
        HttpRequest.Builder preflight = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (requestHeaders.length > 0) {
            preflight.header("Access-Control-Request-Headers", String.join(",", requestHeaders));
        }
        return preflight;
    }

    /** The 204 that lets a page at {@code origin} POST with Authorization and Content-Type; no token, no credentials. */
    public static void assertGranted(HttpResponse<String> answer, String origin) {
        assertEquals(204, answer.statusCode(), answer::body);
        assertEquals("", answer.body());
        assertEquals(List.of(origin), answer.headers().allValues("Access-Control-Allow-Origin"));
        assertEquals("POST", answer.headers().firstValue("Access-Control-Allow-Methods").orElse(""));
        assertEquals("authorization, content-type", answer.headers().firstValue("Access-Control-Allow-Headers")
                .orElse("").toLowerCase(Locale.ROOT));
        long maxAge = Long.parseLong(answer.headers().firstValue("Access-Control-Max-Age").orElse("-1"));
        assertTrue(maxAge > 0 && maxAge <= 7200, "max age " + maxAge);
        assertTrue(answer.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());
        assertTrue(varies(answer), () -> answer.headers().map().toString());
        ProblemAssertions.assertNoSniff(answer);
    }

    /** A refused preflight: a 403 problem and not one CORS header, so the browser stops there. */
    public static void assertRefused(HttpResponse<String> answer) {
        ProblemAssertions.assertProblem(answer, 403, "cross-origin-refused");
        assertNoCorsHeader(answer);
    }

    /** An answer that {@code origin}'s page may read: it names the origin, varies by it, exposes Retry-After. */
    public static void assertReadableBy(HttpResponse<String> answer, String origin) {
        assertEquals(List.of(origin), answer.headers().allValues("Access-Control-Allow-Origin"),
                () -> answer.statusCode() + " " + answer.headers().map());
        assertTrue(varies(answer), () -> answer.headers().map().toString());
        assertEquals("retry-after", answer.headers().firstValue("Access-Control-Expose-Headers").orElse("")
                .toLowerCase(Locale.ROOT));
        assertTrue(answer.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());
    }

    public static void assertNoCorsHeader(HttpResponse<String> answer) {
        assertFalse(answer.headers().map().keySet().stream()
                .anyMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-")),
                () -> answer.statusCode() + " " + answer.headers().map());
    }

    private static boolean varies(HttpResponse<String> answer) {
        return answer.headers().allValues("Vary").stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .anyMatch(name -> name.strip().equalsIgnoreCase("Origin"));
    }
}
